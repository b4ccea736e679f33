
2
xPlaceholder*
dtype0*
shape
:
2
yPlaceholder*
dtype0*
shape
:
2
zPlaceholder*
dtype0*
shape
:
;
outPackxyz*
N*
T0*
axisÿÿÿÿÿÿÿÿÿ"ª