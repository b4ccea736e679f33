
2
xPlaceholder*
dtype0*
shape
:

outElux*
T0"ª