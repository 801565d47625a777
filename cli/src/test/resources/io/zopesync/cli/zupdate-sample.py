# local Zope installation
LZOPE=(
    'localhost:8080', ('adm', 'adm42'),
    '/ZOPE/Zope-2.3.1b2-linux2-x86'
    )

# remote Zope installation, or list thereof
RZOPE= [
      # test site
    ( 'test1.zopecentral.org:8080',  ('Administrator1', 'Secret'),
      'testuser@test1.zopecentral.org:/ZOPE/Zope-2.3.1b2-linux2-x86'),
      # production site
    ( 'www.zopecentral.org:80',      ('Almighty', 'TopSecret'),
      'zopeuser@www.zopecentral.org:/ZOPE/Zope-2.3.1b2-linux2-x86')
    ]

# objects to be updated, optionally with deviating target folders
OBJS= [
        ('/myfolder/obj1', '/yourfolder'), # different folder in target Zope instance
        '/ourfolder/obj2'                           # same folder
    ]
