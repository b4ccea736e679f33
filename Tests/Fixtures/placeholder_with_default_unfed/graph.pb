
P
defaultConst*
dtype0*1
value(B&"¼ºƒ¿ÏÑ†¿0>„¾FK„¿ïPB?:µ’>
O
xPlaceholderWithDefaultdefault*
dtype0*
shape:ÿÿÿÿÿÿÿÿÿ

outRelux*
T0
8
shapeShapex*
T0*
out_type0:íÏ"ª