
6
xPlaceholder*
dtype0*
shape:
.
yPlaceholder*
dtype0*
shape:
.
aPlaceholder*
dtype0*
shape:
2
bPlaceholder*
dtype0*
shape
:
'
outSquaredDifferencexy*
T0
+
out_intSquaredDifferenceab*
T0"ª