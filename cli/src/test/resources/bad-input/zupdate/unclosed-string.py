# expect: the string is never closed
LZOPE = ('localhost:8080', ('adm', 'adm42), '/z')
