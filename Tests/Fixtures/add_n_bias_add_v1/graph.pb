
7
x0Placeholder*
dtype0*
shape:
7
x1Placeholder*
dtype0*
shape:
7
x2Placeholder*
dtype0*
shape:
*
sum3AddNx0x1x2*
N*
T0
"
sum1AddNx0*
N*
T0
A
biasConst*
dtype0*%
valueB"hb¿<(?@+ó¿p;J¿
&
biased	BiasAddV1x0bias*
T0"ª