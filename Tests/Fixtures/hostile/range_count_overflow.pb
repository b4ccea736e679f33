
2
sConst*
valueB	R
€€€€€€€À*
dtype0	
1
lConst*
valueB	R	ÿÿÿÿÿÿÿÿ?*
dtype0	
1
dConst*
valueB	R	ÿÿÿÿÿÿÿÿ?*
dtype0	
 
rangeRangesld*
T0
4
castCastrange*

SrcT0	*

DstT0*
T0
.
xPlaceholder*
dtype0*
shape:

outAddV2castx*
T0