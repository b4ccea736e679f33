
.
xPlaceholder*
dtype0*
shape:
7
bConst*
dtype0	*
valueB	P€€€€€€€€€
7
eConst*
dtype0	*
valueB	P€€€€€€€€€
.
sConst*
dtype0	*
valueB
	P
4
ssStridedSlicexbes*
Index0	*
T0