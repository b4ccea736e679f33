
2
xPlaceholder*
dtype0*
shape
:g

outErfx*
T0"ª