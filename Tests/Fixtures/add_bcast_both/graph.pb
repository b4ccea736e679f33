
6
xPlaceholder*
dtype0*
shape:
2
yPlaceholder*
dtype0*
shape
:

outAddxy*
T0"ª