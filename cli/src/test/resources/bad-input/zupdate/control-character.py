# expect: control character
LZOPE = ('localhost:8080', ('adm', 'adm42'), '/z')
RZOPE = [('h.example.org:80', ('u', 'TopSecret'), 'u@h.example.org:/z')]
OBJS = ['/our\x00folder/obj2']
