# expect: same Zope URL as the source
LZOPE = ('localhost:8080', ('adm', 'adm42'), '/z')
RZOPE = [('localhost:8080', ('u', 'TopSecret'), 'u@localhost:/z')]
OBJS = ['/a']
