
2
xPlaceholder*
dtype0*
shape
:
,
out	LeakyRelux*
T0*
alpha%ÍÌL>"ª