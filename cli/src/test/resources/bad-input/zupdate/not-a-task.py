# expect: it is not a zupdate.py task description
print('hello')
