
2
xPlaceholder*
dtype0*
shape
:2

outLogx*
T0"ª