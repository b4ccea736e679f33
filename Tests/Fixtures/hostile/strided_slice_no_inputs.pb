
.
xPlaceholder*
dtype0*
shape:
,
ssStridedSlice^x*
Index0*
T0