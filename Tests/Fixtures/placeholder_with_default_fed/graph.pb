
P
defaultConst*
dtype0*1
value(B&"¤®>l÷=®0l>¨ø‘¿ó¥­¿3-I¿
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