# expect: expected ('host:port', ('user', 'password'), 'user@host:/path')
LZOPE = ('localhost:8080', ('adm', 'adm42'), '/z')
RZOPE = [('h.example.org:80', 'u', 'u@h.example.org:/z')]
OBJS = ['/a']
