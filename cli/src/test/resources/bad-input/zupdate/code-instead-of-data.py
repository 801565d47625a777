# expect: :4:19: expected ',' or ']', found '('
LZOPE = ('localhost:8080', ('adm', 'adm42'), '/z')
RZOPE = [('h.example.org:80', ('u', 'TopSecret'), 'u@h.example.org:/z')]
OBJS = [__import__('os').system('touch /tmp/pwned')]
