
2
xPlaceholder*
dtype0*
shape
:
.
kPlaceholder*
dtype0*
shape:
2
rPlaceholder*
dtype0*
shape
:

signSignx*
T0

sign_intSignk*
T0
$

reciprocal
Reciprocalr*
T0"ª