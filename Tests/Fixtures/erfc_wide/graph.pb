
2
xPlaceholder*
dtype0*
shape
:g

outErfcx*
T0"ª