# expect: object path must be absolute
LZOPE = ('localhost:8080', ('adm', 'adm42'), '/z')
RZOPE = [('h.example.org:80', ('u', 'TopSecret'), 'u@h.example.org:/z')]
OBJS = ['ourfolder/obj2']
