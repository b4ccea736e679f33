
C
xPlaceholder*
dtype0*$
shape:ÿÿÿÿÿÿÿÿÿ
f
%model/p_re_lu/ReadVariableOp/resourceConst*
dtype0*)
value B"B·>¶% =Á®Ø>
&
model/p_re_lu/ReluRelux*
T0
€
model/p_re_lu/ReadVariableOpIdentity%model/p_re_lu/ReadVariableOp/resource*
T0*&
 _has_manual_control_dependencies(
?
model/p_re_lu/NegNegmodel/p_re_lu/ReadVariableOp*
T0
&
model/p_re_lu/Neg_1Negx*
T0
:
model/p_re_lu/Relu_1Relumodel/p_re_lu/Neg_1*
T0
J
model/p_re_lu/mulMulmodel/p_re_lu/Negmodel/p_re_lu/Relu_1*
T0
J
model/p_re_lu/addAddV2model/p_re_lu/Relumodel/p_re_lu/mul*
T0
S
NoOpNoOp^model/p_re_lu/ReadVariableOp*&
 _has_manual_control_dependencies(
7
IdentityIdentitymodel/p_re_lu/add^NoOp*
T0"ª