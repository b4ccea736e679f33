
.
xPlaceholder*
dtype0*
shape:

i0Identityx*
T0

i1Identityi0*
T0

i2Identityi1*
T0

i3Identityi2*
T0

i4Identityi3*
T0

i5Identityi4*
T0

i6Identityi5*
T0

i7Identityi6*
T0

i8Identityi7*
T0

i9Identityi8*
T0

iaIdentityi9*
T0

ibIdentityia*
T0

icIdentityib*
T0

idIdentityic*
T0

ieIdentityid*
T0

ifIdentityie*
T0

igIdentityif*
T0

ihIdentityig*
T0

iiIdentityih*
T0

ijIdentityii*
T0

ikIdentityij*
T0

ilIdentityik*
T0

imIdentityil*
T0

inIdentityim*
T0

ioIdentityin*
T0

ipIdentityio*
T0

iqIdentityip*
T0

irIdentityiq*
T0

isIdentityir*
T0

itIdentityis*
T0

iuIdentityit*
T0

ivIdentityiu*
T0

iwIdentityiv*
T0

ixIdentityiw*
T0

iyIdentityix*
T0

izIdentityiy*
T0

i10Identityiz*
T0

i11Identityi10*
T0

i12Identityi11*
T0

i13Identityi12*
T0

i14Identityi13*
T0

i15Identityi14*
T0

i16Identityi15*
T0

i17Identityi16*
T0

i18Identityi17*
T0

i19Identityi18*
T0

i1aIdentityi19*
T0

i1bIdentityi1a*
T0

i1cIdentityi1b*
T0

i1dIdentityi1c*
T0

i1eIdentityi1d*
T0

i1fIdentityi1e*
T0

i1gIdentityi1f*
T0

i1hIdentityi1g*
T0

i1iIdentityi1h*
T0

i1jIdentityi1i*
T0

i1kIdentityi1j*
T0

i1lIdentityi1k*
T0

i1mIdentityi1l*
T0

i1nIdentityi1m*
T0

i1oIdentityi1n*
T0

i1pIdentityi1o*
T0

i1qIdentityi1p*
T0

i1rIdentityi1q*
T0

i1sIdentityi1r*
T0

i1tIdentityi1s*
T0

i1uIdentityi1t*
T0

i1vIdentityi1u*
T0

i1wIdentityi1v*
T0

i1xIdentityi1w*
T0

i1yIdentityi1x*
T0

i1zIdentityi1y*
T0

i20Identityi1z*
T0

i21Identityi20*
T0

i22Identityi21*
T0

i23Identityi22*
T0

i24Identityi23*
T0

i25Identityi24*
T0

i26Identityi25*
T0

i27Identityi26*
T0

i28Identityi27*
T0

i29Identityi28*
T0

i2aIdentityi29*
T0

i2bIdentityi2a*
T0

i2cIdentityi2b*
T0

i2dIdentityi2c*
T0

i2eIdentityi2d*
T0

i2fIdentityi2e*
T0

i2gIdentityi2f*
T0

i2hIdentityi2g*
T0

i2iIdentityi2h*
T0

i2jIdentityi2i*
T0

i2kIdentityi2j*
T0

i2lIdentityi2k*
T0

i2mIdentityi2l*
T0

i2nIdentityi2m*
T0

i2oIdentityi2n*
T0

i2pIdentityi2o*
T0

i2qIdentityi2p*
T0

i2rIdentityi2q*
T0

i2sIdentityi2r*
T0

i2tIdentityi2s*
T0

i2uIdentityi2t*
T0

i2vIdentityi2u*
T0

i2wIdentityi2v*
T0

i2xIdentityi2w*
T0

i2yIdentityi2x*
T0

i2zIdentityi2y*
T0

i30Identityi2z*
T0

i31Identityi30*
T0

i32Identityi31*
T0

i33Identityi32*
T0

i34Identityi33*
T0

i35Identityi34*
T0

i36Identityi35*
T0

i37Identityi36*
T0

i38Identityi37*
T0

i39Identityi38*
T0

i3aIdentityi39*
T0

i3bIdentityi3a*
T0

i3cIdentityi3b*
T0

i3dIdentityi3c*
T0

i3eIdentityi3d*
T0

i3fIdentityi3e*
T0

i3gIdentityi3f*
T0

i3hIdentityi3g*
T0

i3iIdentityi3h*
T0

i3jIdentityi3i*
T0

i3kIdentityi3j*
T0

i3lIdentityi3k*
T0

i3mIdentityi3l*
T0

i3nIdentityi3m*
T0

i3oIdentityi3n*
T0

i3pIdentityi3o*
T0

i3qIdentityi3p*
T0

i3rIdentityi3q*
T0

i3sIdentityi3r*
T0

i3tIdentityi3s*
T0

i3uIdentityi3t*
T0

i3vIdentityi3u*
T0

i3wIdentityi3v*
T0

i3xIdentityi3w*
T0

i3yIdentityi3x*
T0

i3zIdentityi3y*
T0

i40Identityi3z*
T0

i41Identityi40*
T0

i42Identityi41*
T0

i43Identityi42*
T0

i44Identityi43*
T0

i45Identityi44*
T0

i46Identityi45*
T0

i47Identityi46*
T0

i48Identityi47*
T0

i49Identityi48*
T0

i4aIdentityi49*
T0

i4bIdentityi4a*
T0

i4cIdentityi4b*
T0

i4dIdentityi4c*
T0

i4eIdentityi4d*
T0

i4fIdentityi4e*
T0

i4gIdentityi4f*
T0

i4hIdentityi4g*
T0

i4iIdentityi4h*
T0

i4jIdentityi4i*
T0

i4kIdentityi4j*
T0

i4lIdentityi4k*
T0

i4mIdentityi4l*
T0

i4nIdentityi4m*
T0

i4oIdentityi4n*
T0

i4pIdentityi4o*
T0

i4qIdentityi4p*
T0

i4rIdentityi4q*
T0

i4sIdentityi4r*
T0

i4tIdentityi4s*
T0

i4uIdentityi4t*
T0

i4vIdentityi4u*
T0

i4wIdentityi4v*
T0

i4xIdentityi4w*
T0

i4yIdentityi4x*
T0

i4zIdentityi4y*
T0

i50Identityi4z*
T0

i51Identityi50*
T0

i52Identityi51*
T0

i53Identityi52*
T0

i54Identityi53*
T0

i55Identityi54*
T0

i56Identityi55*
T0

i57Identityi56*
T0

i58Identityi57*
T0

i59Identityi58*
T0

i5aIdentityi59*
T0

i5bIdentityi5a*
T0

i5cIdentityi5b*
T0

i5dIdentityi5c*
T0

i5eIdentityi5d*
T0

i5fIdentityi5e*
T0

i5gIdentityi5f*
T0

i5hIdentityi5g*
T0

i5iIdentityi5h*
T0

i5jIdentityi5i*
T0

i5kIdentityi5j*
T0

i5lIdentityi5k*
T0

i5mIdentityi5l*
T0

i5nIdentityi5m*
T0

i5oIdentityi5n*
T0

i5pIdentityi5o*
T0

i5qIdentityi5p*
T0

i5rIdentityi5q*
T0

i5sIdentityi5r*
T0

i5tIdentityi5s*
T0

i5uIdentityi5t*
T0

i5vIdentityi5u*
T0

i5wIdentityi5v*
T0

i5xIdentityi5w*
T0

i5yIdentityi5x*
T0

i5zIdentityi5y*
T0

i60Identityi5z*
T0

i61Identityi60*
T0

i62Identityi61*
T0

i63Identityi62*
T0

i64Identityi63*
T0

i65Identityi64*
T0

i66Identityi65*
T0

i67Identityi66*
T0

i68Identityi67*
T0

i69Identityi68*
T0

i6aIdentityi69*
T0

i6bIdentityi6a*
T0

i6cIdentityi6b*
T0

i6dIdentityi6c*
T0

i6eIdentityi6d*
T0

i6fIdentityi6e*
T0

i6gIdentityi6f*
T0

i6hIdentityi6g*
T0

i6iIdentityi6h*
T0

i6jIdentityi6i*
T0

i6kIdentityi6j*
T0

i6lIdentityi6k*
T0

i6mIdentityi6l*
T0

i6nIdentityi6m*
T0

i6oIdentityi6n*
T0

i6pIdentityi6o*
T0

i6qIdentityi6p*
T0

i6rIdentityi6q*
T0

i6sIdentityi6r*
T0

i6tIdentityi6s*
T0

i6uIdentityi6t*
T0

i6vIdentityi6u*
T0

i6wIdentityi6v*
T0

i6xIdentityi6w*
T0

i6yIdentityi6x*
T0

i6zIdentityi6y*
T0

i70Identityi6z*
T0

i71Identityi70*
T0

i72Identityi71*
T0

i73Identityi72*
T0

i74Identityi73*
T0

i75Identityi74*
T0

i76Identityi75*
T0

i77Identityi76*
T0

i78Identityi77*
T0

i79Identityi78*
T0

i7aIdentityi79*
T0

i7bIdentityi7a*
T0

i7cIdentityi7b*
T0

i7dIdentityi7c*
T0

i7eIdentityi7d*
T0

i7fIdentityi7e*
T0

i7gIdentityi7f*
T0

i7hIdentityi7g*
T0

i7iIdentityi7h*
T0

i7jIdentityi7i*
T0

i7kIdentityi7j*
T0

i7lIdentityi7k*
T0

i7mIdentityi7l*
T0

i7nIdentityi7m*
T0

i7oIdentityi7n*
T0

i7pIdentityi7o*
T0

i7qIdentityi7p*
T0

i7rIdentityi7q*
T0

i7sIdentityi7r*
T0

i7tIdentityi7s*
T0

i7uIdentityi7t*
T0

i7vIdentityi7u*
T0

i7wIdentityi7v*
T0

i7xIdentityi7w*
T0

i7yIdentityi7x*
T0

i7zIdentityi7y*
T0

i80Identityi7z*
T0

i81Identityi80*
T0

i82Identityi81*
T0

i83Identityi82*
T0

i84Identityi83*
T0

i85Identityi84*
T0

i86Identityi85*
T0

i87Identityi86*
T0

i88Identityi87*
T0

i89Identityi88*
T0

i8aIdentityi89*
T0

i8bIdentityi8a*
T0

i8cIdentityi8b*
T0

i8dIdentityi8c*
T0

i8eIdentityi8d*
T0

i8fIdentityi8e*
T0

i8gIdentityi8f*
T0

i8hIdentityi8g*
T0

i8iIdentityi8h*
T0

i8jIdentityi8i*
T0

i8kIdentityi8j*
T0

i8lIdentityi8k*
T0

i8mIdentityi8l*
T0

i8nIdentityi8m*
T0

i8oIdentityi8n*
T0

i8pIdentityi8o*
T0

i8qIdentityi8p*
T0

i8rIdentityi8q*
T0

i8sIdentityi8r*
T0

i8tIdentityi8s*
T0

i8uIdentityi8t*
T0

i8vIdentityi8u*
T0

i8wIdentityi8v*
T0

i8xIdentityi8w*
T0

i8yIdentityi8x*
T0

i8zIdentityi8y*
T0

i90Identityi8z*
T0

i91Identityi90*
T0

i92Identityi91*
T0

i93Identityi92*
T0

i94Identityi93*
T0

i95Identityi94*
T0

i96Identityi95*
T0

i97Identityi96*
T0

i98Identityi97*
T0

i99Identityi98*
T0

i9aIdentityi99*
T0

i9bIdentityi9a*
T0

i9cIdentityi9b*
T0

i9dIdentityi9c*
T0

i9eIdentityi9d*
T0

i9fIdentityi9e*
T0

i9gIdentityi9f*
T0

i9hIdentityi9g*
T0

i9iIdentityi9h*
T0

i9jIdentityi9i*
T0

i9kIdentityi9j*
T0

i9lIdentityi9k*
T0

i9mIdentityi9l*
T0

i9nIdentityi9m*
T0

i9oIdentityi9n*
T0

i9pIdentityi9o*
T0

i9qIdentityi9p*
T0

i9rIdentityi9q*
T0

i9sIdentityi9r*
T0

i9tIdentityi9s*
T0

i9uIdentityi9t*
T0

i9vIdentityi9u*
T0

i9wIdentityi9v*
T0

i9xIdentityi9w*
T0

i9yIdentityi9x*
T0

i9zIdentityi9y*
T0

ia0Identityi9z*
T0

ia1Identityia0*
T0

ia2Identityia1*
T0

ia3Identityia2*
T0

ia4Identityia3*
T0

ia5Identityia4*
T0

ia6Identityia5*
T0

ia7Identityia6*
T0

ia8Identityia7*
T0

ia9Identityia8*
T0

iaaIdentityia9*
T0

iabIdentityiaa*
T0

iacIdentityiab*
T0

iadIdentityiac*
T0

iaeIdentityiad*
T0

iafIdentityiae*
T0

iagIdentityiaf*
T0

iahIdentityiag*
T0

iaiIdentityiah*
T0

iajIdentityiai*
T0

iakIdentityiaj*
T0

ialIdentityiak*
T0

iamIdentityial*
T0

ianIdentityiam*
T0

iaoIdentityian*
T0

iapIdentityiao*
T0

iaqIdentityiap*
T0

iarIdentityiaq*
T0

iasIdentityiar*
T0

iatIdentityias*
T0

iauIdentityiat*
T0

iavIdentityiau*
T0

iawIdentityiav*
T0

iaxIdentityiaw*
T0

iayIdentityiax*
T0

iazIdentityiay*
T0

ib0Identityiaz*
T0

ib1Identityib0*
T0

ib2Identityib1*
T0

ib3Identityib2*
T0

ib4Identityib3*
T0

ib5Identityib4*
T0

ib6Identityib5*
T0

ib7Identityib6*
T0

ib8Identityib7*
T0

ib9Identityib8*
T0

ibaIdentityib9*
T0

ibbIdentityiba*
T0

ibcIdentityibb*
T0

ibdIdentityibc*
T0

ibeIdentityibd*
T0

ibfIdentityibe*
T0

ibgIdentityibf*
T0

ibhIdentityibg*
T0

ibiIdentityibh*
T0

ibjIdentityibi*
T0

ibkIdentityibj*
T0

iblIdentityibk*
T0

ibmIdentityibl*
T0

ibnIdentityibm*
T0

iboIdentityibn*
T0

ibpIdentityibo*
T0

ibqIdentityibp*
T0

ibrIdentityibq*
T0

ibsIdentityibr*
T0

ibtIdentityibs*
T0

ibuIdentityibt*
T0

ibvIdentityibu*
T0

ibwIdentityibv*
T0

ibxIdentityibw*
T0

ibyIdentityibx*
T0

ibzIdentityiby*
T0

ic0Identityibz*
T0

ic1Identityic0*
T0

ic2Identityic1*
T0

ic3Identityic2*
T0

ic4Identityic3*
T0

ic5Identityic4*
T0

ic6Identityic5*
T0

ic7Identityic6*
T0

ic8Identityic7*
T0

ic9Identityic8*
T0

icaIdentityic9*
T0

icbIdentityica*
T0

iccIdentityicb*
T0

icdIdentityicc*
T0

iceIdentityicd*
T0

icfIdentityice*
T0

icgIdentityicf*
T0

ichIdentityicg*
T0

iciIdentityich*
T0

icjIdentityici*
T0

ickIdentityicj*
T0

iclIdentityick*
T0

icmIdentityicl*
T0

icnIdentityicm*
T0

icoIdentityicn*
T0

icpIdentityico*
T0

icqIdentityicp*
T0

icrIdentityicq*
T0

icsIdentityicr*
T0

ictIdentityics*
T0

icuIdentityict*
T0

icvIdentityicu*
T0

icwIdentityicv*
T0

icxIdentityicw*
T0

icyIdentityicx*
T0

iczIdentityicy*
T0

id0Identityicz*
T0

id1Identityid0*
T0

id2Identityid1*
T0

id3Identityid2*
T0

id4Identityid3*
T0

id5Identityid4*
T0

id6Identityid5*
T0

id7Identityid6*
T0

id8Identityid7*
T0

id9Identityid8*
T0

idaIdentityid9*
T0

idbIdentityida*
T0

idcIdentityidb*
T0

iddIdentityidc*
T0

ideIdentityidd*
T0

idfIdentityide*
T0

idgIdentityidf*
T0

idhIdentityidg*
T0

idiIdentityidh*
T0

idjIdentityidi*
T0

idkIdentityidj*
T0

idlIdentityidk*
T0

idmIdentityidl*
T0

idnIdentityidm*
T0

idoIdentityidn*
T0

idpIdentityido*
T0

idqIdentityidp*
T0

idrIdentityidq*
T0

idsIdentityidr*
T0

idtIdentityids*
T0

iduIdentityidt*
T0

idvIdentityidu*
T0

idwIdentityidv*
T0

idxIdentityidw*
T0

idyIdentityidx*
T0

idzIdentityidy*
T0

ie0Identityidz*
T0

ie1Identityie0*
T0

ie2Identityie1*
T0

ie3Identityie2*
T0

ie4Identityie3*
T0

ie5Identityie4*
T0

ie6Identityie5*
T0

ie7Identityie6*
T0

ie8Identityie7*
T0

ie9Identityie8*
T0

ieaIdentityie9*
T0

iebIdentityiea*
T0

iecIdentityieb*
T0

iedIdentityiec*
T0

ieeIdentityied*
T0

iefIdentityiee*
T0

iegIdentityief*
T0

iehIdentityieg*
T0

ieiIdentityieh*
T0

iejIdentityiei*
T0

iekIdentityiej*
T0

ielIdentityiek*
T0

iemIdentityiel*
T0

ienIdentityiem*
T0

ieoIdentityien*
T0

iepIdentityieo*
T0

ieqIdentityiep*
T0

ierIdentityieq*
T0

iesIdentityier*
T0

ietIdentityies*
T0

ieuIdentityiet*
T0

ievIdentityieu*
T0

iewIdentityiev*
T0

iexIdentityiew*
T0

ieyIdentityiex*
T0

iezIdentityiey*
T0

if0Identityiez*
T0

if1Identityif0*
T0

if2Identityif1*
T0

if3Identityif2*
T0

if4Identityif3*
T0

if5Identityif4*
T0

if6Identityif5*
T0

if7Identityif6*
T0

if8Identityif7*
T0

if9Identityif8*
T0

ifaIdentityif9*
T0

ifbIdentityifa*
T0

ifcIdentityifb*
T0

ifdIdentityifc*
T0

ifeIdentityifd*
T0

iffIdentityife*
T0

ifgIdentityiff*
T0

ifhIdentityifg*
T0

ifiIdentityifh*
T0

ifjIdentityifi*
T0

ifkIdentityifj*
T0

iflIdentityifk*
T0

ifmIdentityifl*
T0

ifnIdentityifm*
T0

ifoIdentityifn*
T0

ifpIdentityifo*
T0

ifqIdentityifp*
T0

ifrIdentityifq*
T0

ifsIdentityifr*
T0

iftIdentityifs*
T0

ifuIdentityift*
T0

ifvIdentityifu*
T0

ifwIdentityifv*
T0

ifxIdentityifw*
T0

ifyIdentityifx*
T0

ifzIdentityify*
T0

ig0Identityifz*
T0

ig1Identityig0*
T0

ig2Identityig1*
T0

ig3Identityig2*
T0

ig4Identityig3*
T0

ig5Identityig4*
T0

ig6Identityig5*
T0

ig7Identityig6*
T0

ig8Identityig7*
T0

ig9Identityig8*
T0

igaIdentityig9*
T0

igbIdentityiga*
T0

igcIdentityigb*
T0

igdIdentityigc*
T0

igeIdentityigd*
T0

igfIdentityige*
T0

iggIdentityigf*
T0

ighIdentityigg*
T0

igiIdentityigh*
T0

igjIdentityigi*
T0

igkIdentityigj*
T0

iglIdentityigk*
T0

igmIdentityigl*
T0

ignIdentityigm*
T0

igoIdentityign*
T0

igpIdentityigo*
T0

igqIdentityigp*
T0

igrIdentityigq*
T0

igsIdentityigr*
T0

igtIdentityigs*
T0

iguIdentityigt*
T0

igvIdentityigu*
T0

igwIdentityigv*
T0

igxIdentityigw*
T0

igyIdentityigx*
T0

igzIdentityigy*
T0

ih0Identityigz*
T0

ih1Identityih0*
T0

ih2Identityih1*
T0

ih3Identityih2*
T0

ih4Identityih3*
T0

ih5Identityih4*
T0

ih6Identityih5*
T0

ih7Identityih6*
T0

ih8Identityih7*
T0

ih9Identityih8*
T0

ihaIdentityih9*
T0

ihbIdentityiha*
T0

ihcIdentityihb*
T0

ihdIdentityihc*
T0

iheIdentityihd*
T0

ihfIdentityihe*
T0

ihgIdentityihf*
T0

ihhIdentityihg*
T0

ihiIdentityihh*
T0

ihjIdentityihi*
T0

ihkIdentityihj*
T0

ihlIdentityihk*
T0

ihmIdentityihl*
T0

ihnIdentityihm*
T0

ihoIdentityihn*
T0

ihpIdentityiho*
T0

ihqIdentityihp*
T0

ihrIdentityihq*
T0

ihsIdentityihr*
T0

ihtIdentityihs*
T0

ihuIdentityiht*
T0

ihvIdentityihu*
T0

ihwIdentityihv*
T0

ihxIdentityihw*
T0

ihyIdentityihx*
T0

ihzIdentityihy*
T0

ii0Identityihz*
T0

ii1Identityii0*
T0

ii2Identityii1*
T0

ii3Identityii2*
T0

ii4Identityii3*
T0

ii5Identityii4*
T0

ii6Identityii5*
T0

ii7Identityii6*
T0

ii8Identityii7*
T0

ii9Identityii8*
T0

iiaIdentityii9*
T0

iibIdentityiia*
T0

iicIdentityiib*
T0

iidIdentityiic*
T0

iieIdentityiid*
T0

iifIdentityiie*
T0

iigIdentityiif*
T0

iihIdentityiig*
T0

iiiIdentityiih*
T0

iijIdentityiii*
T0

iikIdentityiij*
T0

iilIdentityiik*
T0

iimIdentityiil*
T0

iinIdentityiim*
T0

iioIdentityiin*
T0

iipIdentityiio*
T0

iiqIdentityiip*
T0

iirIdentityiiq*
T0

iisIdentityiir*
T0

iitIdentityiis*
T0

iiuIdentityiit*
T0

iivIdentityiiu*
T0

iiwIdentityiiv*
T0

iixIdentityiiw*
T0

iiyIdentityiix*
T0

iizIdentityiiy*
T0

ij0Identityiiz*
T0

ij1Identityij0*
T0

ij2Identityij1*
T0

ij3Identityij2*
T0

ij4Identityij3*
T0

ij5Identityij4*
T0

ij6Identityij5*
T0

ij7Identityij6*
T0

ij8Identityij7*
T0

ij9Identityij8*
T0

ijaIdentityij9*
T0

ijbIdentityija*
T0

ijcIdentityijb*
T0

ijdIdentityijc*
T0

ijeIdentityijd*
T0

ijfIdentityije*
T0

ijgIdentityijf*
T0

ijhIdentityijg*
T0

ijiIdentityijh*
T0

ijjIdentityiji*
T0

ijkIdentityijj*
T0

ijlIdentityijk*
T0

ijmIdentityijl*
T0

ijnIdentityijm*
T0

ijoIdentityijn*
T0

ijpIdentityijo*
T0

ijqIdentityijp*
T0

ijrIdentityijq*
T0

ijsIdentityijr*
T0

ijtIdentityijs*
T0

ijuIdentityijt*
T0

ijvIdentityiju*
T0

ijwIdentityijv*
T0

ijxIdentityijw*
T0

ijyIdentityijx*
T0

ijzIdentityijy*
T0

ik0Identityijz*
T0

ik1Identityik0*
T0

ik2Identityik1*
T0

ik3Identityik2*
T0

ik4Identityik3*
T0

ik5Identityik4*
T0

ik6Identityik5*
T0

ik7Identityik6*
T0

ik8Identityik7*
T0

ik9Identityik8*
T0

ikaIdentityik9*
T0

ikbIdentityika*
T0

ikcIdentityikb*
T0

ikdIdentityikc*
T0

ikeIdentityikd*
T0

ikfIdentityike*
T0

ikgIdentityikf*
T0

ikhIdentityikg*
T0

ikiIdentityikh*
T0

ikjIdentityiki*
T0

ikkIdentityikj*
T0

iklIdentityikk*
T0

ikmIdentityikl*
T0

iknIdentityikm*
T0

ikoIdentityikn*
T0

ikpIdentityiko*
T0

ikqIdentityikp*
T0

ikrIdentityikq*
T0

iksIdentityikr*
T0

iktIdentityiks*
T0

ikuIdentityikt*
T0

ikvIdentityiku*
T0

ikwIdentityikv*
T0

ikxIdentityikw*
T0

ikyIdentityikx*
T0

ikzIdentityiky*
T0

il0Identityikz*
T0

il1Identityil0*
T0

il2Identityil1*
T0

il3Identityil2*
T0

il4Identityil3*
T0

il5Identityil4*
T0

il6Identityil5*
T0

il7Identityil6*
T0

il8Identityil7*
T0

il9Identityil8*
T0

ilaIdentityil9*
T0

ilbIdentityila*
T0

ilcIdentityilb*
T0

ildIdentityilc*
T0

ileIdentityild*
T0

ilfIdentityile*
T0

ilgIdentityilf*
T0

ilhIdentityilg*
T0

iliIdentityilh*
T0

iljIdentityili*
T0

ilkIdentityilj*
T0

illIdentityilk*
T0

ilmIdentityill*
T0

ilnIdentityilm*
T0

iloIdentityiln*
T0

ilpIdentityilo*
T0

ilqIdentityilp*
T0

ilrIdentityilq*
T0

ilsIdentityilr*
T0

iltIdentityils*
T0

iluIdentityilt*
T0

ilvIdentityilu*
T0

ilwIdentityilv*
T0

ilxIdentityilw*
T0

ilyIdentityilx*
T0

ilzIdentityily*
T0

im0Identityilz*
T0

im1Identityim0*
T0

im2Identityim1*
T0

im3Identityim2*
T0

im4Identityim3*
T0

im5Identityim4*
T0

im6Identityim5*
T0

im7Identityim6*
T0

im8Identityim7*
T0

im9Identityim8*
T0

imaIdentityim9*
T0

imbIdentityima*
T0

imcIdentityimb*
T0

imdIdentityimc*
T0

imeIdentityimd*
T0

imfIdentityime*
T0

imgIdentityimf*
T0

imhIdentityimg*
T0

imiIdentityimh*
T0

imjIdentityimi*
T0

imkIdentityimj*
T0

imlIdentityimk*
T0

immIdentityiml*
T0

imnIdentityimm*
T0

imoIdentityimn*
T0

impIdentityimo*
T0

imqIdentityimp*
T0

imrIdentityimq*
T0

imsIdentityimr*
T0

imtIdentityims*
T0

imuIdentityimt*
T0

imvIdentityimu*
T0

imwIdentityimv*
T0

imxIdentityimw*
T0

imyIdentityimx*
T0

imzIdentityimy*
T0

in0Identityimz*
T0

in1Identityin0*
T0

in2Identityin1*
T0

in3Identityin2*
T0

in4Identityin3*
T0

in5Identityin4*
T0

in6Identityin5*
T0

in7Identityin6*
T0

in8Identityin7*
T0

in9Identityin8*
T0

inaIdentityin9*
T0

inbIdentityina*
T0

incIdentityinb*
T0

indIdentityinc*
T0

ineIdentityind*
T0

infIdentityine*
T0

ingIdentityinf*
T0

inhIdentitying*
T0

iniIdentityinh*
T0

injIdentityini*
T0

inkIdentityinj*
T0

inlIdentityink*
T0

inmIdentityinl*
T0

innIdentityinm*
T0

inoIdentityinn*
T0

inpIdentityino*
T0

inqIdentityinp*
T0

inrIdentityinq*
T0

insIdentityinr*
T0

intIdentityins*
T0

inuIdentityint*
T0

invIdentityinu*
T0

inwIdentityinv*
T0

inxIdentityinw*
T0

inyIdentityinx*
T0

inzIdentityiny*
T0

io0Identityinz*
T0

io1Identityio0*
T0

io2Identityio1*
T0

io3Identityio2*
T0

io4Identityio3*
T0

io5Identityio4*
T0

io6Identityio5*
T0

io7Identityio6*
T0

io8Identityio7*
T0

io9Identityio8*
T0

ioaIdentityio9*
T0

iobIdentityioa*
T0

iocIdentityiob*
T0

iodIdentityioc*
T0

ioeIdentityiod*
T0

iofIdentityioe*
T0

iogIdentityiof*
T0

iohIdentityiog*
T0

ioiIdentityioh*
T0

iojIdentityioi*
T0

iokIdentityioj*
T0

iolIdentityiok*
T0

iomIdentityiol*
T0

ionIdentityiom*
T0

iooIdentityion*
T0

iopIdentityioo*
T0

ioqIdentityiop*
T0

iorIdentityioq*
T0

iosIdentityior*
T0

iotIdentityios*
T0

iouIdentityiot*
T0

iovIdentityiou*
T0

iowIdentityiov*
T0

ioxIdentityiow*
T0

ioyIdentityiox*
T0

iozIdentityioy*
T0

ip0Identityioz*
T0

ip1Identityip0*
T0

ip2Identityip1*
T0

ip3Identityip2*
T0

ip4Identityip3*
T0

ip5Identityip4*
T0

ip6Identityip5*
T0

ip7Identityip6*
T0

ip8Identityip7*
T0

ip9Identityip8*
T0

ipaIdentityip9*
T0

ipbIdentityipa*
T0

ipcIdentityipb*
T0

ipdIdentityipc*
T0

ipeIdentityipd*
T0

ipfIdentityipe*
T0

ipgIdentityipf*
T0

iphIdentityipg*
T0

ipiIdentityiph*
T0

ipjIdentityipi*
T0

ipkIdentityipj*
T0

iplIdentityipk*
T0

ipmIdentityipl*
T0

ipnIdentityipm*
T0

ipoIdentityipn*
T0

ippIdentityipo*
T0

ipqIdentityipp*
T0

iprIdentityipq*
T0

ipsIdentityipr*
T0

iptIdentityips*
T0

ipuIdentityipt*
T0

ipvIdentityipu*
T0

ipwIdentityipv*
T0

ipxIdentityipw*
T0

ipyIdentityipx*
T0

ipzIdentityipy*
T0

iq0Identityipz*
T0

iq1Identityiq0*
T0

iq2Identityiq1*
T0

iq3Identityiq2*
T0

iq4Identityiq3*
T0

iq5Identityiq4*
T0

iq6Identityiq5*
T0

iq7Identityiq6*
T0

iq8Identityiq7*
T0

iq9Identityiq8*
T0

iqaIdentityiq9*
T0

iqbIdentityiqa*
T0

iqcIdentityiqb*
T0

iqdIdentityiqc*
T0

iqeIdentityiqd*
T0

iqfIdentityiqe*
T0

iqgIdentityiqf*
T0

iqhIdentityiqg*
T0

iqiIdentityiqh*
T0

iqjIdentityiqi*
T0

iqkIdentityiqj*
T0

iqlIdentityiqk*
T0

iqmIdentityiql*
T0

iqnIdentityiqm*
T0

iqoIdentityiqn*
T0

iqpIdentityiqo*
T0

iqqIdentityiqp*
T0

iqrIdentityiqq*
T0

iqsIdentityiqr*
T0

iqtIdentityiqs*
T0

iquIdentityiqt*
T0

iqvIdentityiqu*
T0

iqwIdentityiqv*
T0

iqxIdentityiqw*
T0

iqyIdentityiqx*
T0

iqzIdentityiqy*
T0

ir0Identityiqz*
T0

ir1Identityir0*
T0

ir2Identityir1*
T0

ir3Identityir2*
T0

ir4Identityir3*
T0

ir5Identityir4*
T0

ir6Identityir5*
T0

ir7Identityir6*
T0

ir8Identityir7*
T0

ir9Identityir8*
T0

iraIdentityir9*
T0

irbIdentityira*
T0

ircIdentityirb*
T0

irdIdentityirc*
T0

ireIdentityird*
T0

irfIdentityire*
T0

irgIdentityirf*
T0

irhIdentityirg*
T0

iriIdentityirh*
T0

irjIdentityiri*
T0

irkIdentityirj*
T0

irlIdentityirk*
T0

irmIdentityirl*
T0

irnIdentityirm*
T0

iroIdentityirn*
T0

irpIdentityiro*
T0

irqIdentityirp*
T0

irrIdentityirq*
T0

irsIdentityirr*
T0

irtIdentityirs*
T0

iruIdentityirt*
T0

irvIdentityiru*
T0

irwIdentityirv*
T0

irxIdentityirw*
T0

iryIdentityirx*
T0

irzIdentityiry*
T0

is0Identityirz*
T0

is1Identityis0*
T0

is2Identityis1*
T0

is3Identityis2*
T0

is4Identityis3*
T0

is5Identityis4*
T0

is6Identityis5*
T0

is7Identityis6*
T0

is8Identityis7*
T0

is9Identityis8*
T0

isaIdentityis9*
T0

isbIdentityisa*
T0

iscIdentityisb*
T0

isdIdentityisc*
T0

iseIdentityisd*
T0

isfIdentityise*
T0

isgIdentityisf*
T0

ishIdentityisg*
T0

isiIdentityish*
T0

isjIdentityisi*
T0

iskIdentityisj*
T0

islIdentityisk*
T0

ismIdentityisl*
T0

isnIdentityism*
T0

isoIdentityisn*
T0

ispIdentityiso*
T0

isqIdentityisp*
T0

isrIdentityisq*
T0

issIdentityisr*
T0

istIdentityiss*
T0

isuIdentityist*
T0

isvIdentityisu*
T0

iswIdentityisv*
T0

isxIdentityisw*
T0

isyIdentityisx*
T0

iszIdentityisy*
T0

it0Identityisz*
T0

it1Identityit0*
T0

it2Identityit1*
T0

it3Identityit2*
T0

it4Identityit3*
T0

it5Identityit4*
T0

it6Identityit5*
T0

it7Identityit6*
T0

it8Identityit7*
T0

it9Identityit8*
T0

itaIdentityit9*
T0

itbIdentityita*
T0

itcIdentityitb*
T0

itdIdentityitc*
T0

iteIdentityitd*
T0

itfIdentityite*
T0

itgIdentityitf*
T0

ithIdentityitg*
T0

itiIdentityith*
T0

itjIdentityiti*
T0

itkIdentityitj*
T0

itlIdentityitk*
T0

itmIdentityitl*
T0

itnIdentityitm*
T0

itoIdentityitn*
T0

itpIdentityito*
T0

itqIdentityitp*
T0

itrIdentityitq*
T0

itsIdentityitr*
T0

ittIdentityits*
T0

ituIdentityitt*
T0

itvIdentityitu*
T0

itwIdentityitv*
T0

itxIdentityitw*
T0

ityIdentityitx*
T0

itzIdentityity*
T0

iu0Identityitz*
T0

iu1Identityiu0*
T0

iu2Identityiu1*
T0

iu3Identityiu2*
T0

iu4Identityiu3*
T0

iu5Identityiu4*
T0

iu6Identityiu5*
T0

iu7Identityiu6*
T0

iu8Identityiu7*
T0

iu9Identityiu8*
T0

iuaIdentityiu9*
T0

iubIdentityiua*
T0

iucIdentityiub*
T0

iudIdentityiuc*
T0

iueIdentityiud*
T0

iufIdentityiue*
T0

iugIdentityiuf*
T0

iuhIdentityiug*
T0

iuiIdentityiuh*
T0

iujIdentityiui*
T0

iukIdentityiuj*
T0

iulIdentityiuk*
T0

iumIdentityiul*
T0

iunIdentityium*
T0

iuoIdentityiun*
T0

iupIdentityiuo*
T0

iuqIdentityiup*
T0

iurIdentityiuq*
T0

iusIdentityiur*
T0

iutIdentityius*
T0

iuuIdentityiut*
T0

iuvIdentityiuu*
T0

iuwIdentityiuv*
T0

iuxIdentityiuw*
T0

iuyIdentityiux*
T0

iuzIdentityiuy*
T0

iv0Identityiuz*
T0

iv1Identityiv0*
T0

iv2Identityiv1*
T0

iv3Identityiv2*
T0

iv4Identityiv3*
T0

iv5Identityiv4*
T0

iv6Identityiv5*
T0

iv7Identityiv6*
T0

iv8Identityiv7*
T0

iv9Identityiv8*
T0

ivaIdentityiv9*
T0

ivbIdentityiva*
T0

ivcIdentityivb*
T0

ivdIdentityivc*
T0

iveIdentityivd*
T0

ivfIdentityive*
T0

ivgIdentityivf*
T0

ivhIdentityivg*
T0

iviIdentityivh*
T0

ivjIdentityivi*
T0

ivkIdentityivj*
T0

ivlIdentityivk*
T0

ivmIdentityivl*
T0

ivnIdentityivm*
T0

ivoIdentityivn*
T0

ivpIdentityivo*
T0

ivqIdentityivp*
T0

ivrIdentityivq*
T0

ivsIdentityivr*
T0

ivtIdentityivs*
T0

ivuIdentityivt*
T0

ivvIdentityivu*
T0

ivwIdentityivv*
T0

ivxIdentityivw*
T0

ivyIdentityivx*
T0

ivzIdentityivy*
T0

iw0Identityivz*
T0

iw1Identityiw0*
T0

iw2Identityiw1*
T0

iw3Identityiw2*
T0

iw4Identityiw3*
T0

iw5Identityiw4*
T0

iw6Identityiw5*
T0

iw7Identityiw6*
T0

iw8Identityiw7*
T0

iw9Identityiw8*
T0

iwaIdentityiw9*
T0

iwbIdentityiwa*
T0

iwcIdentityiwb*
T0

iwdIdentityiwc*
T0

iweIdentityiwd*
T0

iwfIdentityiwe*
T0

iwgIdentityiwf*
T0

iwhIdentityiwg*
T0

iwiIdentityiwh*
T0

iwjIdentityiwi*
T0

iwkIdentityiwj*
T0

iwlIdentityiwk*
T0

iwmIdentityiwl*
T0

iwnIdentityiwm*
T0

iwoIdentityiwn*
T0

iwpIdentityiwo*
T0

iwqIdentityiwp*
T0

iwrIdentityiwq*
T0

iwsIdentityiwr*
T0

iwtIdentityiws*
T0

iwuIdentityiwt*
T0

iwvIdentityiwu*
T0

iwwIdentityiwv*
T0

iwxIdentityiww*
T0

iwyIdentityiwx*
T0

iwzIdentityiwy*
T0

ix0Identityiwz*
T0

ix1Identityix0*
T0

ix2Identityix1*
T0

ix3Identityix2*
T0

ix4Identityix3*
T0

ix5Identityix4*
T0

ix6Identityix5*
T0

ix7Identityix6*
T0

ix8Identityix7*
T0

ix9Identityix8*
T0

ixaIdentityix9*
T0

ixbIdentityixa*
T0

ixcIdentityixb*
T0

ixdIdentityixc*
T0

ixeIdentityixd*
T0

ixfIdentityixe*
T0

ixgIdentityixf*
T0

ixhIdentityixg*
T0

ixiIdentityixh*
T0

ixjIdentityixi*
T0

ixkIdentityixj*
T0

ixlIdentityixk*
T0

ixmIdentityixl*
T0

ixnIdentityixm*
T0

ixoIdentityixn*
T0

ixpIdentityixo*
T0

ixqIdentityixp*
T0

ixrIdentityixq*
T0

ixsIdentityixr*
T0

ixtIdentityixs*
T0

ixuIdentityixt*
T0

ixvIdentityixu*
T0

ixwIdentityixv*
T0

ixxIdentityixw*
T0

ixyIdentityixx*
T0

ixzIdentityixy*
T0

iy0Identityixz*
T0

iy1Identityiy0*
T0

iy2Identityiy1*
T0

iy3Identityiy2*
T0

iy4Identityiy3*
T0

iy5Identityiy4*
T0

iy6Identityiy5*
T0

iy7Identityiy6*
T0

iy8Identityiy7*
T0

iy9Identityiy8*
T0

iyaIdentityiy9*
T0

iybIdentityiya*
T0

iycIdentityiyb*
T0

iydIdentityiyc*
T0

iyeIdentityiyd*
T0

iyfIdentityiye*
T0

iygIdentityiyf*
T0

iyhIdentityiyg*
T0

iyiIdentityiyh*
T0

iyjIdentityiyi*
T0

iykIdentityiyj*
T0

iylIdentityiyk*
T0

iymIdentityiyl*
T0

iynIdentityiym*
T0

iyoIdentityiyn*
T0

iypIdentityiyo*
T0

iyqIdentityiyp*
T0

iyrIdentityiyq*
T0

iysIdentityiyr*
T0

iytIdentityiys*
T0

iyuIdentityiyt*
T0

iyvIdentityiyu*
T0

iywIdentityiyv*
T0

iyxIdentityiyw*
T0

iyyIdentityiyx*
T0

iyzIdentityiyy*
T0

iz0Identityiyz*
T0

iz1Identityiz0*
T0

iz2Identityiz1*
T0

iz3Identityiz2*
T0

iz4Identityiz3*
T0

iz5Identityiz4*
T0

iz6Identityiz5*
T0

iz7Identityiz6*
T0

iz8Identityiz7*
T0

iz9Identityiz8*
T0

izaIdentityiz9*
T0

izbIdentityiza*
T0

izcIdentityizb*
T0

izdIdentityizc*
T0

izeIdentityizd*
T0

izfIdentityize*
T0

izgIdentityizf*
T0

izhIdentityizg*
T0

iziIdentityizh*
T0

izjIdentityizi*
T0

izkIdentityizj*
T0

izlIdentityizk*
T0

izmIdentityizl*
T0

iznIdentityizm*
T0

izoIdentityizn*
T0

izpIdentityizo*
T0

izqIdentityizp*
T0

izrIdentityizq*
T0

izsIdentityizr*
T0

iztIdentityizs*
T0

izuIdentityizt*
T0

izvIdentityizu*
T0

izwIdentityizv*
T0

izxIdentityizw*
T0

izyIdentityizx*
T0

izzIdentityizy*
T0

i100Identityizz*
T0

i101Identityi100*
T0

i102Identityi101*
T0

i103Identityi102*
T0

i104Identityi103*
T0

i105Identityi104*
T0

i106Identityi105*
T0

i107Identityi106*
T0

i108Identityi107*
T0

i109Identityi108*
T0

i10aIdentityi109*
T0

i10bIdentityi10a*
T0

i10cIdentityi10b*
T0

i10dIdentityi10c*
T0

i10eIdentityi10d*
T0

i10fIdentityi10e*
T0

i10gIdentityi10f*
T0

i10hIdentityi10g*
T0

i10iIdentityi10h*
T0

i10jIdentityi10i*
T0

i10kIdentityi10j*
T0

i10lIdentityi10k*
T0

i10mIdentityi10l*
T0

i10nIdentityi10m*
T0

i10oIdentityi10n*
T0

i10pIdentityi10o*
T0

i10qIdentityi10p*
T0

i10rIdentityi10q*
T0

i10sIdentityi10r*
T0

i10tIdentityi10s*
T0

i10uIdentityi10t*
T0

i10vIdentityi10u*
T0

i10wIdentityi10v*
T0

i10xIdentityi10w*
T0

i10yIdentityi10x*
T0

i10zIdentityi10y*
T0

i110Identityi10z*
T0

i111Identityi110*
T0

i112Identityi111*
T0

i113Identityi112*
T0

i114Identityi113*
T0

i115Identityi114*
T0

i116Identityi115*
T0

i117Identityi116*
T0

i118Identityi117*
T0

i119Identityi118*
T0

i11aIdentityi119*
T0

i11bIdentityi11a*
T0

i11cIdentityi11b*
T0

i11dIdentityi11c*
T0

i11eIdentityi11d*
T0

i11fIdentityi11e*
T0

i11gIdentityi11f*
T0

i11hIdentityi11g*
T0

i11iIdentityi11h*
T0

i11jIdentityi11i*
T0

i11kIdentityi11j*
T0

i11lIdentityi11k*
T0

i11mIdentityi11l*
T0

i11nIdentityi11m*
T0

i11oIdentityi11n*
T0

i11pIdentityi11o*
T0

i11qIdentityi11p*
T0

i11rIdentityi11q*
T0

i11sIdentityi11r*
T0

i11tIdentityi11s*
T0

i11uIdentityi11t*
T0

i11vIdentityi11u*
T0

i11wIdentityi11v*
T0

i11xIdentityi11w*
T0

i11yIdentityi11x*
T0

i11zIdentityi11y*
T0

i120Identityi11z*
T0

i121Identityi120*
T0

i122Identityi121*
T0

i123Identityi122*
T0

i124Identityi123*
T0

i125Identityi124*
T0

i126Identityi125*
T0

i127Identityi126*
T0

i128Identityi127*
T0

i129Identityi128*
T0

i12aIdentityi129*
T0

i12bIdentityi12a*
T0

i12cIdentityi12b*
T0

i12dIdentityi12c*
T0

i12eIdentityi12d*
T0

i12fIdentityi12e*
T0

i12gIdentityi12f*
T0

i12hIdentityi12g*
T0

i12iIdentityi12h*
T0

i12jIdentityi12i*
T0

i12kIdentityi12j*
T0

i12lIdentityi12k*
T0

i12mIdentityi12l*
T0

i12nIdentityi12m*
T0

i12oIdentityi12n*
T0

i12pIdentityi12o*
T0

i12qIdentityi12p*
T0

i12rIdentityi12q*
T0

i12sIdentityi12r*
T0

i12tIdentityi12s*
T0

i12uIdentityi12t*
T0

i12vIdentityi12u*
T0

i12wIdentityi12v*
T0

i12xIdentityi12w*
T0

i12yIdentityi12x*
T0

i12zIdentityi12y*
T0

i130Identityi12z*
T0

i131Identityi130*
T0

i132Identityi131*
T0

i133Identityi132*
T0

i134Identityi133*
T0

i135Identityi134*
T0

i136Identityi135*
T0

i137Identityi136*
T0

i138Identityi137*
T0

i139Identityi138*
T0

i13aIdentityi139*
T0

i13bIdentityi13a*
T0

i13cIdentityi13b*
T0

i13dIdentityi13c*
T0

i13eIdentityi13d*
T0

i13fIdentityi13e*
T0

i13gIdentityi13f*
T0

i13hIdentityi13g*
T0

i13iIdentityi13h*
T0

i13jIdentityi13i*
T0

i13kIdentityi13j*
T0

i13lIdentityi13k*
T0

i13mIdentityi13l*
T0

i13nIdentityi13m*
T0

i13oIdentityi13n*
T0

i13pIdentityi13o*
T0

i13qIdentityi13p*
T0

i13rIdentityi13q*
T0

i13sIdentityi13r*
T0

i13tIdentityi13s*
T0

i13uIdentityi13t*
T0

i13vIdentityi13u*
T0

i13wIdentityi13v*
T0

i13xIdentityi13w*
T0

i13yIdentityi13x*
T0

i13zIdentityi13y*
T0

i140Identityi13z*
T0

i141Identityi140*
T0

i142Identityi141*
T0

i143Identityi142*
T0

i144Identityi143*
T0

i145Identityi144*
T0

i146Identityi145*
T0

i147Identityi146*
T0

i148Identityi147*
T0

i149Identityi148*
T0

i14aIdentityi149*
T0

i14bIdentityi14a*
T0

i14cIdentityi14b*
T0

i14dIdentityi14c*
T0

i14eIdentityi14d*
T0

i14fIdentityi14e*
T0

i14gIdentityi14f*
T0

i14hIdentityi14g*
T0

i14iIdentityi14h*
T0

i14jIdentityi14i*
T0

i14kIdentityi14j*
T0

i14lIdentityi14k*
T0

i14mIdentityi14l*
T0

i14nIdentityi14m*
T0

i14oIdentityi14n*
T0

i14pIdentityi14o*
T0

i14qIdentityi14p*
T0

i14rIdentityi14q*
T0

i14sIdentityi14r*
T0

i14tIdentityi14s*
T0

i14uIdentityi14t*
T0

i14vIdentityi14u*
T0

i14wIdentityi14v*
T0

i14xIdentityi14w*
T0

i14yIdentityi14x*
T0

i14zIdentityi14y*
T0

i150Identityi14z*
T0

i151Identityi150*
T0

i152Identityi151*
T0

i153Identityi152*
T0

i154Identityi153*
T0

i155Identityi154*
T0

i156Identityi155*
T0

i157Identityi156*
T0

i158Identityi157*
T0

i159Identityi158*
T0

i15aIdentityi159*
T0

i15bIdentityi15a*
T0

i15cIdentityi15b*
T0

i15dIdentityi15c*
T0

i15eIdentityi15d*
T0

i15fIdentityi15e*
T0

i15gIdentityi15f*
T0

i15hIdentityi15g*
T0

i15iIdentityi15h*
T0

i15jIdentityi15i*
T0

i15kIdentityi15j*
T0

i15lIdentityi15k*
T0

i15mIdentityi15l*
T0

i15nIdentityi15m*
T0

r0Relux*
T0

r1Relur0*
T0

r2Relur1*
T0

r3Relur2*
T0

r4Relur3*
T0

r5Relur4*
T0

r6Relur5*
T0

r7Relur6*
T0

r8Relur7*
T0

r9Relur8*
T0

raRelur9*
T0

rbRelura*
T0

rcRelurb*
T0

rdRelurc*
T0

reRelurd*
T0

rfRelure*
T0

rgRelurf*
T0

rhRelurg*
T0

riRelurh*
T0

rjReluri*
T0

rkRelurj*
T0

rlRelurk*
T0

rmRelurl*
T0

rnRelurm*
T0

roRelurn*
T0

rpReluro*
T0

rqRelurp*
T0

rrRelurq*
T0

rsRelurr*
T0

rtRelurs*
T0

ruRelurt*
T0

rvReluru*
T0

rwRelurv*
T0

rxRelurw*
T0

ryRelurx*
T0

rzRelury*
T0

r10Relurz*
T0

r11Relur10*
T0

r12Relur11*
T0

r13Relur12*
T0

r14Relur13*
T0

r15Relur14*
T0

r16Relur15*
T0

r17Relur16*
T0

r18Relur17*
T0

r19Relur18*
T0

r1aRelur19*
T0

r1bRelur1a*
T0

r1cRelur1b*
T0

r1dRelur1c*
T0

r1eRelur1d*
T0

r1fRelur1e*
T0

r1gRelur1f*
T0

r1hRelur1g*
T0

r1iRelur1h*
T0

r1jRelur1i*
T0

r1kRelur1j*
T0

r1lRelur1k*
T0

r1mRelur1l*
T0

r1nRelur1m*
T0

r1oRelur1n*
T0

r1pRelur1o*
T0

r1qRelur1p*
T0

r1rRelur1q*
T0

r1sRelur1r*
T0

r1tRelur1s*
T0

r1uRelur1t*
T0

r1vRelur1u*
T0

r1wRelur1v*
T0

r1xRelur1w*
T0

r1yRelur1x*
T0

r1zRelur1y*
T0

r20Relur1z*
T0

r21Relur20*
T0

r22Relur21*
T0

r23Relur22*
T0

r24Relur23*
T0

r25Relur24*
T0

r26Relur25*
T0

r27Relur26*
T0

r28Relur27*
T0

r29Relur28*
T0

r2aRelur29*
T0

r2bRelur2a*
T0

r2cRelur2b*
T0

r2dRelur2c*
T0

r2eRelur2d*
T0

r2fRelur2e*
T0

r2gRelur2f*
T0

r2hRelur2g*
T0

r2iRelur2h*
T0

r2jRelur2i*
T0

r2kRelur2j*
T0

r2lRelur2k*
T0

r2mRelur2l*
T0

r2nRelur2m*
T0

r2oRelur2n*
T0

r2pRelur2o*
T0

r2qRelur2p*
T0

r2rRelur2q*
T0

r2sRelur2r*
T0

r2tRelur2s*
T0

r2uRelur2t*
T0

r2vRelur2u*
T0

r2wRelur2v*
T0

r2xRelur2w*
T0

r2yRelur2x*
T0

r2zRelur2y*
T0

r30Relur2z*
T0

r31Relur30*
T0

r32Relur31*
T0

r33Relur32*
T0

r34Relur33*
T0

r35Relur34*
T0

r36Relur35*
T0

r37Relur36*
T0

r38Relur37*
T0

r39Relur38*
T0

r3aRelur39*
T0

r3bRelur3a*
T0

r3cRelur3b*
T0

r3dRelur3c*
T0

r3eRelur3d*
T0

r3fRelur3e*
T0

r3gRelur3f*
T0

r3hRelur3g*
T0

r3iRelur3h*
T0

r3jRelur3i*
T0

r3kRelur3j*
T0

r3lRelur3k*
T0

r3mRelur3l*
T0

r3nRelur3m*
T0

r3oRelur3n*
T0

r3pRelur3o*
T0

r3qRelur3p*
T0

r3rRelur3q*
T0

r3sRelur3r*
T0

r3tRelur3s*
T0

r3uRelur3t*
T0

r3vRelur3u*
T0

r3wRelur3v*
T0

r3xRelur3w*
T0

r3yRelur3x*
T0

r3zRelur3y*
T0

r40Relur3z*
T0

r41Relur40*
T0

r42Relur41*
T0

r43Relur42*
T0

r44Relur43*
T0

r45Relur44*
T0

r46Relur45*
T0

r47Relur46*
T0

r48Relur47*
T0

r49Relur48*
T0

r4aRelur49*
T0

r4bRelur4a*
T0

r4cRelur4b*
T0

r4dRelur4c*
T0

r4eRelur4d*
T0

r4fRelur4e*
T0

r4gRelur4f*
T0

r4hRelur4g*
T0

r4iRelur4h*
T0

r4jRelur4i*
T0

r4kRelur4j*
T0

r4lRelur4k*
T0

r4mRelur4l*
T0

r4nRelur4m*
T0

r4oRelur4n*
T0

r4pRelur4o*
T0

r4qRelur4p*
T0

r4rRelur4q*
T0

r4sRelur4r*
T0

r4tRelur4s*
T0

r4uRelur4t*
T0

r4vRelur4u*
T0

r4wRelur4v*
T0

r4xRelur4w*
T0

r4yRelur4x*
T0

r4zRelur4y*
T0

r50Relur4z*
T0

r51Relur50*
T0

r52Relur51*
T0

r53Relur52*
T0

r54Relur53*
T0

r55Relur54*
T0

r56Relur55*
T0

r57Relur56*
T0

r58Relur57*
T0

r59Relur58*
T0

r5aRelur59*
T0

r5bRelur5a*
T0

r5cRelur5b*
T0

r5dRelur5c*
T0

r5eRelur5d*
T0

r5fRelur5e*
T0

r5gRelur5f*
T0

r5hRelur5g*
T0

r5iRelur5h*
T0

r5jRelur5i*
T0

r5kRelur5j*
T0

r5lRelur5k*
T0

r5mRelur5l*
T0

r5nRelur5m*
T0

r5oRelur5n*
T0

r5pRelur5o*
T0

r5qRelur5p*
T0

r5rRelur5q*
T0

r5sRelur5r*
T0

r5tRelur5s*
T0

r5uRelur5t*
T0

r5vRelur5u*
T0

r5wRelur5v*
T0

r5xRelur5w*
T0

r5yRelur5x*
T0

r5zRelur5y*
T0

r60Relur5z*
T0

r61Relur60*
T0

r62Relur61*
T0

r63Relur62*
T0

r64Relur63*
T0

r65Relur64*
T0

r66Relur65*
T0

r67Relur66*
T0

r68Relur67*
T0

r69Relur68*
T0

r6aRelur69*
T0

r6bRelur6a*
T0

r6cRelur6b*
T0

r6dRelur6c*
T0

r6eRelur6d*
T0

r6fRelur6e*
T0

r6gRelur6f*
T0

r6hRelur6g*
T0

r6iRelur6h*
T0

r6jRelur6i*
T0

r6kRelur6j*
T0

r6lRelur6k*
T0

r6mRelur6l*
T0

r6nRelur6m*
T0

r6oRelur6n*
T0

r6pRelur6o*
T0

r6qRelur6p*
T0

r6rRelur6q*
T0

r6sRelur6r*
T0

r6tRelur6s*
T0

r6uRelur6t*
T0

r6vRelur6u*
T0

r6wRelur6v*
T0

r6xRelur6w*
T0

r6yRelur6x*
T0

r6zRelur6y*
T0

r70Relur6z*
T0

r71Relur70*
T0

r72Relur71*
T0

r73Relur72*
T0

r74Relur73*
T0

r75Relur74*
T0

r76Relur75*
T0

r77Relur76*
T0

r78Relur77*
T0

r79Relur78*
T0

r7aRelur79*
T0

r7bRelur7a*
T0

r7cRelur7b*
T0

r7dRelur7c*
T0

r7eRelur7d*
T0

r7fRelur7e*
T0

r7gRelur7f*
T0

r7hRelur7g*
T0

r7iRelur7h*
T0

r7jRelur7i*
T0

r7kRelur7j*
T0

r7lRelur7k*
T0

r7mRelur7l*
T0

r7nRelur7m*
T0

r7oRelur7n*
T0

r7pRelur7o*
T0

r7qRelur7p*
T0

r7rRelur7q*
T0

r7sRelur7r*
T0

r7tRelur7s*
T0

r7uRelur7t*
T0

r7vRelur7u*
T0

r7wRelur7v*
T0

r7xRelur7w*
T0

r7yRelur7x*
T0

r7zRelur7y*
T0

r80Relur7z*
T0

r81Relur80*
T0

r82Relur81*
T0

r83Relur82*
T0

r84Relur83*
T0

r85Relur84*
T0

r86Relur85*
T0

r87Relur86*
T0

r88Relur87*
T0

r89Relur88*
T0

r8aRelur89*
T0

r8bRelur8a*
T0

r8cRelur8b*
T0

r8dRelur8c*
T0

r8eRelur8d*
T0

r8fRelur8e*
T0

r8gRelur8f*
T0

r8hRelur8g*
T0

r8iRelur8h*
T0

r8jRelur8i*
T0

r8kRelur8j*
T0

r8lRelur8k*
T0

r8mRelur8l*
T0

r8nRelur8m*
T0

r8oRelur8n*
T0

r8pRelur8o*
T0

r8qRelur8p*
T0

r8rRelur8q*
T0

r8sRelur8r*
T0

r8tRelur8s*
T0

r8uRelur8t*
T0

r8vRelur8u*
T0

r8wRelur8v*
T0

r8xRelur8w*
T0

r8yRelur8x*
T0

r8zRelur8y*
T0

r90Relur8z*
T0

r91Relur90*
T0

r92Relur91*
T0

r93Relur92*
T0

r94Relur93*
T0

r95Relur94*
T0

r96Relur95*
T0

r97Relur96*
T0

r98Relur97*
T0

r99Relur98*
T0

r9aRelur99*
T0

r9bRelur9a*
T0

r9cRelur9b*
T0

r9dRelur9c*
T0

r9eRelur9d*
T0

r9fRelur9e*
T0

r9gRelur9f*
T0

r9hRelur9g*
T0

r9iRelur9h*
T0

r9jRelur9i*
T0

r9kRelur9j*
T0

r9lRelur9k*
T0

r9mRelur9l*
T0

r9nRelur9m*
T0

r9oRelur9n*
T0

r9pRelur9o*
T0

r9qRelur9p*
T0

r9rRelur9q*
T0

r9sRelur9r*
T0

r9tRelur9s*
T0

r9uRelur9t*
T0

r9vRelur9u*
T0

r9wRelur9v*
T0

r9xRelur9w*
T0

r9yRelur9x*
T0

r9zRelur9y*
T0

ra0Relur9z*
T0

ra1Relura0*
T0

ra2Relura1*
T0

ra3Relura2*
T0

ra4Relura3*
T0

ra5Relura4*
T0

ra6Relura5*
T0

ra7Relura6*
T0

ra8Relura7*
T0

ra9Relura8*
T0

raaRelura9*
T0

rabReluraa*
T0

racRelurab*
T0

radRelurac*
T0

raeRelurad*
T0

rafRelurae*
T0

ragReluraf*
T0

rahRelurag*
T0

raiRelurah*
T0

rajRelurai*
T0

rakReluraj*
T0

ralRelurak*
T0

ramRelural*
T0

ranReluram*
T0

raoReluran*
T0

rapRelurao*
T0

raqRelurap*
T0

rarReluraq*
T0

rasRelurar*
T0

ratReluras*
T0

rauRelurat*
T0

ravRelurau*
T0

rawRelurav*
T0

raxReluraw*
T0

rayRelurax*
T0

razReluray*
T0

rb0Reluraz*
T0

rb1Relurb0*
T0

rb2Relurb1*
T0

rb3Relurb2*
T0

rb4Relurb3*
T0

rb5Relurb4*
T0

rb6Relurb5*
T0

rb7Relurb6*
T0

rb8Relurb7*
T0

rb9Relurb8*
T0

rbaRelurb9*
T0

rbbRelurba*
T0

rbcRelurbb*
T0

rbdRelurbc*
T0

rbeRelurbd*
T0

rbfRelurbe*
T0

rbgRelurbf*
T0

rbhRelurbg*
T0

rbiRelurbh*
T0

rbjRelurbi*
T0

rbkRelurbj*
T0

rblRelurbk*
T0

rbmRelurbl*
T0

rbnRelurbm*
T0

rboRelurbn*
T0

rbpRelurbo*
T0

rbqRelurbp*
T0

rbrRelurbq*
T0

rbsRelurbr*
T0

rbtRelurbs*
T0

rbuRelurbt*
T0

rbvRelurbu*
T0

rbwRelurbv*
T0

rbxRelurbw*
T0

rbyRelurbx*
T0

rbzRelurby*
T0

rc0Relurbz*
T0

rc1Relurc0*
T0

rc2Relurc1*
T0

rc3Relurc2*
T0

rc4Relurc3*
T0

rc5Relurc4*
T0

rc6Relurc5*
T0

rc7Relurc6*
T0

rc8Relurc7*
T0

rc9Relurc8*
T0

rcaRelurc9*
T0

rcbRelurca*
T0

rccRelurcb*
T0

rcdRelurcc*
T0

rceRelurcd*
T0

rcfRelurce*
T0

rcgRelurcf*
T0

rchRelurcg*
T0

rciRelurch*
T0

rcjRelurci*
T0

rckRelurcj*
T0

rclRelurck*
T0

rcmRelurcl*
T0

rcnRelurcm*
T0

rcoRelurcn*
T0

rcpRelurco*
T0

rcqRelurcp*
T0

rcrRelurcq*
T0

rcsRelurcr*
T0

rctRelurcs*
T0

rcuRelurct*
T0

rcvRelurcu*
T0

rcwRelurcv*
T0

rcxRelurcw*
T0

rcyRelurcx*
T0

rczRelurcy*
T0

rd0Relurcz*
T0

rd1Relurd0*
T0

rd2Relurd1*
T0

rd3Relurd2*
T0

rd4Relurd3*
T0

rd5Relurd4*
T0

rd6Relurd5*
T0

rd7Relurd6*
T0

rd8Relurd7*
T0

rd9Relurd8*
T0

rdaRelurd9*
T0

rdbRelurda*
T0

rdcRelurdb*
T0

rddRelurdc*
T0

rdeRelurdd*
T0

rdfRelurde*
T0

rdgRelurdf*
T0

rdhRelurdg*
T0

rdiRelurdh*
T0

rdjRelurdi*
T0

rdkRelurdj*
T0

rdlRelurdk*
T0

rdmRelurdl*
T0

rdnRelurdm*
T0

rdoRelurdn*
T0

rdpRelurdo*
T0

rdqRelurdp*
T0

rdrRelurdq*
T0

rdsRelurdr*
T0

rdtRelurds*
T0

rduRelurdt*
T0

rdvRelurdu*
T0

rdwRelurdv*
T0

rdxRelurdw*
T0

rdyRelurdx*
T0

rdzRelurdy*
T0

re0Relurdz*
T0

re1Relure0*
T0

re2Relure1*
T0

re3Relure2*
T0

re4Relure3*
T0

re5Relure4*
T0

re6Relure5*
T0

re7Relure6*
T0

re8Relure7*
T0

re9Relure8*
T0

reaRelure9*
T0

rebRelurea*
T0

recRelureb*
T0

redRelurec*
T0

reeRelured*
T0

refReluree*
T0

regReluref*
T0

rehRelureg*
T0

reiRelureh*
T0

rejRelurei*
T0

rekRelurej*
T0

relRelurek*
T0

remRelurel*
T0

renRelurem*
T0

reoReluren*
T0

repRelureo*
T0

reqRelurep*
T0

rerRelureq*
T0

resRelurer*
T0

retRelures*
T0

reuReluret*
T0

revRelureu*
T0

rewRelurev*
T0

rexRelurew*
T0

reyRelurex*
T0

rezRelurey*
T0

rf0Relurez*
T0

rf1Relurf0*
T0

rf2Relurf1*
T0

rf3Relurf2*
T0

rf4Relurf3*
T0

rf5Relurf4*
T0

rf6Relurf5*
T0

rf7Relurf6*
T0

rf8Relurf7*
T0

rf9Relurf8*
T0

rfaRelurf9*
T0

rfbRelurfa*
T0

rfcRelurfb*
T0

rfdRelurfc*
T0

rfeRelurfd*
T0

rffRelurfe*
T0

rfgRelurff*
T0

rfhRelurfg*
T0

rfiRelurfh*
T0

rfjRelurfi*
T0

rfkRelurfj*
T0

rflRelurfk*
T0

rfmRelurfl*
T0

rfnRelurfm*
T0

rfoRelurfn*
T0

rfpRelurfo*
T0

rfqRelurfp*
T0

rfrRelurfq*
T0

rfsRelurfr*
T0

rftRelurfs*
T0

rfuRelurft*
T0

rfvRelurfu*
T0

rfwRelurfv*
T0

rfxRelurfw*
T0

rfyRelurfx*
T0

rfzRelurfy*
T0

rg0Relurfz*
T0

rg1Relurg0*
T0

rg2Relurg1*
T0

rg3Relurg2*
T0

rg4Relurg3*
T0

rg5Relurg4*
T0

rg6Relurg5*
T0

rg7Relurg6*
T0

rg8Relurg7*
T0

rg9Relurg8*
T0

rgaRelurg9*
T0

rgbRelurga*
T0

rgcRelurgb*
T0

rgdRelurgc*
T0

rgeRelurgd*
T0

rgfRelurge*
T0

rggRelurgf*
T0

rghRelurgg*
T0

rgiRelurgh*
T0

rgjRelurgi*
T0

rgkRelurgj*
T0

rglRelurgk*
T0

rgmRelurgl*
T0

rgnRelurgm*
T0

rgoRelurgn*
T0

rgpRelurgo*
T0

rgqRelurgp*
T0

rgrRelurgq*
T0

rgsRelurgr*
T0

rgtRelurgs*
T0

rguRelurgt*
T0

rgvRelurgu*
T0

rgwRelurgv*
T0

rgxRelurgw*
T0

rgyRelurgx*
T0

rgzRelurgy*
T0

rh0Relurgz*
T0

rh1Relurh0*
T0

rh2Relurh1*
T0

rh3Relurh2*
T0

rh4Relurh3*
T0

rh5Relurh4*
T0

rh6Relurh5*
T0

rh7Relurh6*
T0

rh8Relurh7*
T0

rh9Relurh8*
T0

rhaRelurh9*
T0

rhbRelurha*
T0

rhcRelurhb*
T0

rhdRelurhc*
T0

rheRelurhd*
T0

rhfRelurhe*
T0

rhgRelurhf*
T0

rhhRelurhg*
T0

rhiRelurhh*
T0

rhjRelurhi*
T0

rhkRelurhj*
T0

rhlRelurhk*
T0

rhmRelurhl*
T0

rhnRelurhm*
T0

rhoRelurhn*
T0

rhpRelurho*
T0

rhqRelurhp*
T0

rhrRelurhq*
T0

rhsRelurhr*
T0

rhtRelurhs*
T0

rhuRelurht*
T0

rhvRelurhu*
T0

rhwRelurhv*
T0

rhxRelurhw*
T0

rhyRelurhx*
T0

rhzRelurhy*
T0

ri0Relurhz*
T0

ri1Reluri0*
T0

ri2Reluri1*
T0

ri3Reluri2*
T0

ri4Reluri3*
T0

ri5Reluri4*
T0

ri6Reluri5*
T0

ri7Reluri6*
T0

ri8Reluri7*
T0

ri9Reluri8*
T0

riaReluri9*
T0

ribReluria*
T0

ricRelurib*
T0

ridReluric*
T0

rieRelurid*
T0

rifRelurie*
T0

rigRelurif*
T0

rihRelurig*
T0

riiRelurih*
T0

rijRelurii*
T0

rikRelurij*
T0

rilRelurik*
T0

rimReluril*
T0

rinRelurim*
T0

rioRelurin*
T0

ripRelurio*
T0

riqRelurip*
T0

rirReluriq*
T0

risRelurir*
T0

ritReluris*
T0

riuRelurit*
T0

rivReluriu*
T0

riwReluriv*
T0

rixReluriw*
T0

riyRelurix*
T0

rizReluriy*
T0

rj0Reluriz*
T0

rj1Relurj0*
T0

rj2Relurj1*
T0

rj3Relurj2*
T0

rj4Relurj3*
T0

rj5Relurj4*
T0

rj6Relurj5*
T0

rj7Relurj6*
T0

rj8Relurj7*
T0

rj9Relurj8*
T0

rjaRelurj9*
T0

rjbRelurja*
T0

rjcRelurjb*
T0

rjdRelurjc*
T0

rjeRelurjd*
T0

rjfRelurje*
T0

rjgRelurjf*
T0

rjhRelurjg*
T0

rjiRelurjh*
T0

rjjRelurji*
T0

rjkRelurjj*
T0

rjlRelurjk*
T0

rjmRelurjl*
T0

rjnRelurjm*
T0

rjoRelurjn*
T0

rjpRelurjo*
T0

rjqRelurjp*
T0

rjrRelurjq*
T0

rjsRelurjr*
T0

rjtRelurjs*
T0

rjuRelurjt*
T0

rjvRelurju*
T0

rjwRelurjv*
T0

rjxRelurjw*
T0

rjyRelurjx*
T0

rjzRelurjy*
T0

rk0Relurjz*
T0

rk1Relurk0*
T0

rk2Relurk1*
T0

rk3Relurk2*
T0

rk4Relurk3*
T0

rk5Relurk4*
T0

rk6Relurk5*
T0

rk7Relurk6*
T0

rk8Relurk7*
T0

rk9Relurk8*
T0

rkaRelurk9*
T0

rkbRelurka*
T0

rkcRelurkb*
T0

rkdRelurkc*
T0

rkeRelurkd*
T0

rkfRelurke*
T0

rkgRelurkf*
T0

rkhRelurkg*
T0

rkiRelurkh*
T0

rkjRelurki*
T0

rkkRelurkj*
T0

rklRelurkk*
T0

rkmRelurkl*
T0

rknRelurkm*
T0

rkoRelurkn*
T0

rkpRelurko*
T0

rkqRelurkp*
T0

rkrRelurkq*
T0

rksRelurkr*
T0

rktRelurks*
T0

rkuRelurkt*
T0

rkvRelurku*
T0

rkwRelurkv*
T0

rkxRelurkw*
T0

rkyRelurkx*
T0

rkzRelurky*
T0

rl0Relurkz*
T0

rl1Relurl0*
T0

rl2Relurl1*
T0

rl3Relurl2*
T0

rl4Relurl3*
T0

rl5Relurl4*
T0

rl6Relurl5*
T0

rl7Relurl6*
T0

rl8Relurl7*
T0

rl9Relurl8*
T0

rlaRelurl9*
T0

rlbRelurla*
T0

rlcRelurlb*
T0

rldRelurlc*
T0

rleRelurld*
T0

rlfRelurle*
T0

rlgRelurlf*
T0

rlhRelurlg*
T0

rliRelurlh*
T0

rljRelurli*
T0

rlkRelurlj*
T0

rllRelurlk*
T0

rlmRelurll*
T0

rlnRelurlm*
T0

rloRelurln*
T0

rlpRelurlo*
T0

rlqRelurlp*
T0

rlrRelurlq*
T0

rlsRelurlr*
T0

rltRelurls*
T0

rluRelurlt*
T0

rlvRelurlu*
T0

rlwRelurlv*
T0

rlxRelurlw*
T0

rlyRelurlx*
T0

rlzRelurly*
T0

rm0Relurlz*
T0

rm1Relurm0*
T0

rm2Relurm1*
T0

rm3Relurm2*
T0

rm4Relurm3*
T0

rm5Relurm4*
T0

rm6Relurm5*
T0

rm7Relurm6*
T0

rm8Relurm7*
T0

rm9Relurm8*
T0

rmaRelurm9*
T0

rmbRelurma*
T0

rmcRelurmb*
T0

rmdRelurmc*
T0

rmeRelurmd*
T0

rmfRelurme*
T0

rmgRelurmf*
T0

rmhRelurmg*
T0

rmiRelurmh*
T0

rmjRelurmi*
T0

rmkRelurmj*
T0

rmlRelurmk*
T0

rmmRelurml*
T0

rmnRelurmm*
T0

rmoRelurmn*
T0

rmpRelurmo*
T0

rmqRelurmp*
T0

rmrRelurmq*
T0

rmsRelurmr*
T0

rmtRelurms*
T0

rmuRelurmt*
T0

rmvRelurmu*
T0

rmwRelurmv*
T0

rmxRelurmw*
T0

rmyRelurmx*
T0

rmzRelurmy*
T0

rn0Relurmz*
T0

rn1Relurn0*
T0

rn2Relurn1*
T0

rn3Relurn2*
T0

rn4Relurn3*
T0

rn5Relurn4*
T0

rn6Relurn5*
T0

rn7Relurn6*
T0

rn8Relurn7*
T0

rn9Relurn8*
T0

rnaRelurn9*
T0

rnbRelurna*
T0

rncRelurnb*
T0

rndRelurnc*
T0

rneRelurnd*
T0

rnfRelurne*
T0

rngRelurnf*
T0

rnhRelurng*
T0

rniRelurnh*
T0

rnjRelurni*
T0

rnkRelurnj*
T0

rnlRelurnk*
T0

rnmRelurnl*
T0

rnnRelurnm*
T0

rnoRelurnn*
T0

rnpRelurno*
T0

rnqRelurnp*
T0

rnrRelurnq*
T0

rnsRelurnr*
T0

rntRelurns*
T0

rnuRelurnt*
T0

rnvRelurnu*
T0

rnwRelurnv*
T0

rnxRelurnw*
T0

rnyRelurnx*
T0

rnzRelurny*
T0

ro0Relurnz*
T0

ro1Reluro0*
T0

ro2Reluro1*
T0

ro3Reluro2*
T0

ro4Reluro3*
T0

ro5Reluro4*
T0

ro6Reluro5*
T0

ro7Reluro6*
T0

ro8Reluro7*
T0

ro9Reluro8*
T0

roaReluro9*
T0

robReluroa*
T0

rocRelurob*
T0

rodReluroc*
T0

roeRelurod*
T0

rofReluroe*
T0

rogRelurof*
T0

rohRelurog*
T0

roiReluroh*
T0

rojReluroi*
T0

rokReluroj*
T0

rolRelurok*
T0

romRelurol*
T0

ronRelurom*
T0

rooReluron*
T0

ropReluroo*
T0

roqRelurop*
T0

rorReluroq*
T0

rosReluror*
T0

rotReluros*
T0

rouRelurot*
T0

rovRelurou*
T0

rowRelurov*
T0

roxRelurow*
T0

royRelurox*
T0

rozReluroy*
T0

rp0Reluroz*
T0

rp1Relurp0*
T0

rp2Relurp1*
T0

rp3Relurp2*
T0

rp4Relurp3*
T0

rp5Relurp4*
T0

rp6Relurp5*
T0

rp7Relurp6*
T0

rp8Relurp7*
T0

rp9Relurp8*
T0

rpaRelurp9*
T0

rpbRelurpa*
T0

rpcRelurpb*
T0

rpdRelurpc*
T0

rpeRelurpd*
T0

rpfRelurpe*
T0

rpgRelurpf*
T0

rphRelurpg*
T0

rpiRelurph*
T0

rpjRelurpi*
T0

rpkRelurpj*
T0

rplRelurpk*
T0

rpmRelurpl*
T0

rpnRelurpm*
T0

rpoRelurpn*
T0

rppRelurpo*
T0

rpqRelurpp*
T0

rprRelurpq*
T0

rpsRelurpr*
T0

rptRelurps*
T0

rpuRelurpt*
T0

rpvRelurpu*
T0

rpwRelurpv*
T0

rpxRelurpw*
T0

rpyRelurpx*
T0

rpzRelurpy*
T0

rq0Relurpz*
T0

rq1Relurq0*
T0

rq2Relurq1*
T0

rq3Relurq2*
T0

rq4Relurq3*
T0

rq5Relurq4*
T0

rq6Relurq5*
T0

rq7Relurq6*
T0

rq8Relurq7*
T0

rq9Relurq8*
T0

rqaRelurq9*
T0

rqbRelurqa*
T0

rqcRelurqb*
T0

rqdRelurqc*
T0

rqeRelurqd*
T0

rqfRelurqe*
T0

rqgRelurqf*
T0

rqhRelurqg*
T0

rqiRelurqh*
T0

rqjRelurqi*
T0

rqkRelurqj*
T0

rqlRelurqk*
T0

rqmRelurql*
T0

rqnRelurqm*
T0

rqoRelurqn*
T0

rqpRelurqo*
T0

rqqRelurqp*
T0

rqrRelurqq*
T0

rqsRelurqr*
T0

rqtRelurqs*
T0

rquRelurqt*
T0

rqvRelurqu*
T0

rqwRelurqv*
T0

rqxRelurqw*
T0

rqyRelurqx*
T0

rqzRelurqy*
T0

rr0Relurqz*
T0

rr1Relurr0*
T0

rr2Relurr1*
T0

rr3Relurr2*
T0

rr4Relurr3*
T0

rr5Relurr4*
T0

rr6Relurr5*
T0

rr7Relurr6*
T0

rr8Relurr7*
T0

rr9Relurr8*
T0

rraRelurr9*
T0

rrbRelurra*
T0

rrcRelurrb*
T0

rrdRelurrc*
T0

rreRelurrd*
T0

rrfRelurre*
T0

rrgRelurrf*
T0

rrhRelurrg*
T0

rriRelurrh*
T0

rrjRelurri*
T0

rrkRelurrj*
T0

rrlRelurrk*
T0

rrmRelurrl*
T0

rrnRelurrm*
T0

rroRelurrn*
T0

rrpRelurro*
T0

rrqRelurrp*
T0

rrrRelurrq*
T0

rrsRelurrr*
T0

rrtRelurrs*
T0

rruRelurrt*
T0

rrvRelurru*
T0

rrwRelurrv*
T0

rrxRelurrw*
T0

rryRelurrx*
T0

rrzRelurry*
T0

rs0Relurrz*
T0

rs1Relurs0*
T0

rs2Relurs1*
T0

rs3Relurs2*
T0

rs4Relurs3*
T0

rs5Relurs4*
T0

rs6Relurs5*
T0

rs7Relurs6*
T0

rs8Relurs7*
T0

rs9Relurs8*
T0

rsaRelurs9*
T0

rsbRelursa*
T0

rscRelursb*
T0

rsdRelursc*
T0

rseRelursd*
T0

rsfRelurse*
T0

rsgRelursf*
T0

rshRelursg*
T0

rsiRelursh*
T0

rsjRelursi*
T0

rskRelursj*
T0

rslRelursk*
T0

rsmRelursl*
T0

rsnRelursm*
T0

rsoRelursn*
T0

rspRelurso*
T0

rsqRelursp*
T0

rsrRelursq*
T0

rssRelursr*
T0

rstRelurss*
T0

rsuRelurst*
T0

rsvRelursu*
T0

rswRelursv*
T0

rsxRelursw*
T0

rsyRelursx*
T0

rszRelursy*
T0

rt0Relursz*
T0

rt1Relurt0*
T0

rt2Relurt1*
T0

rt3Relurt2*
T0

rt4Relurt3*
T0

rt5Relurt4*
T0

rt6Relurt5*
T0

rt7Relurt6*
T0

rt8Relurt7*
T0

rt9Relurt8*
T0

rtaRelurt9*
T0

rtbRelurta*
T0

rtcRelurtb*
T0

rtdRelurtc*
T0

rteRelurtd*
T0

rtfRelurte*
T0

rtgRelurtf*
T0

rthRelurtg*
T0

rtiRelurth*
T0

rtjRelurti*
T0

rtkRelurtj*
T0

rtlRelurtk*
T0

rtmRelurtl*
T0

rtnRelurtm*
T0

rtoRelurtn*
T0

rtpRelurto*
T0

rtqRelurtp*
T0

rtrRelurtq*
T0

rtsRelurtr*
T0

rttRelurts*
T0

rtuRelurtt*
T0

rtvRelurtu*
T0

rtwRelurtv*
T0

rtxRelurtw*
T0

rtyRelurtx*
T0

rtzRelurty*
T0

ru0Relurtz*
T0

ru1Reluru0*
T0

ru2Reluru1*
T0

ru3Reluru2*
T0

ru4Reluru3*
T0

ru5Reluru4*
T0

ru6Reluru5*
T0

ru7Reluru6*
T0

ru8Reluru7*
T0

ru9Reluru8*
T0

ruaReluru9*
T0

rubRelurua*
T0

rucRelurub*
T0

rudReluruc*
T0

rueRelurud*
T0

rufRelurue*
T0

rugReluruf*
T0

ruhRelurug*
T0

ruiReluruh*
T0

rujRelurui*
T0

rukReluruj*
T0

rulReluruk*
T0

rumRelurul*
T0

runRelurum*
T0

ruoRelurun*
T0

rupReluruo*
T0

ruqRelurup*
T0

rurReluruq*
T0

rusRelurur*
T0

rutRelurus*
T0

ruuRelurut*
T0

ruvReluruu*
T0

ruwReluruv*
T0

ruxReluruw*
T0

ruyRelurux*
T0

ruzReluruy*
T0

rv0Reluruz*
T0

rv1Relurv0*
T0

rv2Relurv1*
T0

rv3Relurv2*
T0

rv4Relurv3*
T0

rv5Relurv4*
T0

rv6Relurv5*
T0

rv7Relurv6*
T0

rv8Relurv7*
T0

rv9Relurv8*
T0

rvaRelurv9*
T0

rvbRelurva*
T0

rvcRelurvb*
T0

rvdRelurvc*
T0

rveRelurvd*
T0

rvfRelurve*
T0

rvgRelurvf*
T0

rvhRelurvg*
T0

rviRelurvh*
T0

rvjRelurvi*
T0

rvkRelurvj*
T0

rvlRelurvk*
T0

rvmRelurvl*
T0

rvnRelurvm*
T0

rvoRelurvn*
T0

rvpRelurvo*
T0

rvqRelurvp*
T0

rvrRelurvq*
T0

rvsRelurvr*
T0

rvtRelurvs*
T0

rvuRelurvt*
T0

rvvRelurvu*
T0

rvwRelurvv*
T0

rvxRelurvw*
T0

rvyRelurvx*
T0

rvzRelurvy*
T0

rw0Relurvz*
T0

rw1Relurw0*
T0

rw2Relurw1*
T0

rw3Relurw2*
T0

rw4Relurw3*
T0

rw5Relurw4*
T0

rw6Relurw5*
T0

rw7Relurw6*
T0

rw8Relurw7*
T0

rw9Relurw8*
T0

rwaRelurw9*
T0

rwbRelurwa*
T0

rwcRelurwb*
T0

rwdRelurwc*
T0

rweRelurwd*
T0

rwfRelurwe*
T0

rwgRelurwf*
T0

rwhRelurwg*
T0

rwiRelurwh*
T0

rwjRelurwi*
T0

rwkRelurwj*
T0

rwlRelurwk*
T0

rwmRelurwl*
T0

rwnRelurwm*
T0

rwoRelurwn*
T0

rwpRelurwo*
T0

rwqRelurwp*
T0

rwrRelurwq*
T0

rwsRelurwr*
T0

rwtRelurws*
T0

rwuRelurwt*
T0

rwvRelurwu*
T0

rwwRelurwv*
T0

rwxRelurww*
T0

rwyRelurwx*
T0

rwzRelurwy*
T0

rx0Relurwz*
T0

rx1Relurx0*
T0

rx2Relurx1*
T0

rx3Relurx2*
T0

rx4Relurx3*
T0

rx5Relurx4*
T0

rx6Relurx5*
T0

rx7Relurx6*
T0

rx8Relurx7*
T0

rx9Relurx8*
T0

rxaRelurx9*
T0

rxbRelurxa*
T0

rxcRelurxb*
T0

rxdRelurxc*
T0

rxeRelurxd*
T0

rxfRelurxe*
T0

rxgRelurxf*
T0

rxhRelurxg*
T0

rxiRelurxh*
T0

rxjRelurxi*
T0

rxkRelurxj*
T0

rxlRelurxk*
T0

rxmRelurxl*
T0

rxnRelurxm*
T0

rxoRelurxn*
T0

rxpRelurxo*
T0

rxqRelurxp*
T0

rxrRelurxq*
T0

rxsRelurxr*
T0

rxtRelurxs*
T0

rxuRelurxt*
T0

rxvRelurxu*
T0

rxwRelurxv*
T0

rxxRelurxw*
T0

rxyRelurxx*
T0

rxzRelurxy*
T0

ry0Relurxz*
T0

ry1Relury0*
T0

ry2Relury1*
T0

ry3Relury2*
T0

ry4Relury3*
T0

ry5Relury4*
T0

ry6Relury5*
T0

ry7Relury6*
T0

ry8Relury7*
T0

ry9Relury8*
T0

ryaRelury9*
T0

rybRelurya*
T0

rycReluryb*
T0

rydReluryc*
T0

ryeReluryd*
T0

ryfRelurye*
T0

rygReluryf*
T0

ryhReluryg*
T0

ryiReluryh*
T0

ryjReluryi*
T0

rykReluryj*
T0

rylReluryk*
T0

rymReluryl*
T0

rynRelurym*
T0

ryoReluryn*
T0

rypReluryo*
T0

ryqReluryp*
T0

ryrReluryq*
T0

rysReluryr*
T0

rytRelurys*
T0

ryuReluryt*
T0

ryvReluryu*
T0

rywReluryv*
T0

ryxReluryw*
T0

ryyReluryx*
T0

ryzReluryy*
T0

rz0Reluryz*
T0

rz1Relurz0*
T0

rz2Relurz1*
T0

rz3Relurz2*
T0

rz4Relurz3*
T0

rz5Relurz4*
T0

rz6Relurz5*
T0

rz7Relurz6*
T0

rz8Relurz7*
T0

rz9Relurz8*
T0

rzaRelurz9*
T0

rzbRelurza*
T0

rzcRelurzb*
T0

rzdRelurzc*
T0

rzeRelurzd*
T0

rzfRelurze*
T0

rzgRelurzf*
T0

rzhRelurzg*
T0

rziRelurzh*
T0

rzjRelurzi*
T0

rzkRelurzj*
T0

rzlRelurzk*
T0

rzmRelurzl*
T0

rznRelurzm*
T0

rzoRelurzn*
T0

rzpRelurzo*
T0

rzqRelurzp*
T0

rzrRelurzq*
T0

rzsRelurzr*
T0

rztRelurzs*
T0

rzuRelurzt*
T0

rzvRelurzu*
T0

rzwRelurzv*
T0

rzxRelurzw*
T0

rzyRelurzx*
T0

rzzRelurzy*
T0

r100Relurzz*
T0

r101Relur100*
T0

r102Relur101*
T0

r103Relur102*
T0

r104Relur103*
T0

r105Relur104*
T0

r106Relur105*
T0

r107Relur106*
T0

r108Relur107*
T0

r109Relur108*
T0

r10aRelur109*
T0

r10bRelur10a*
T0

r10cRelur10b*
T0

r10dRelur10c*
T0

r10eRelur10d*
T0

r10fRelur10e*
T0

r10gRelur10f*
T0

r10hRelur10g*
T0

r10iRelur10h*
T0

r10jRelur10i*
T0

r10kRelur10j*
T0

r10lRelur10k*
T0

r10mRelur10l*
T0

r10nRelur10m*
T0

r10oRelur10n*
T0

r10pRelur10o*
T0

r10qRelur10p*
T0

r10rRelur10q*
T0

r10sRelur10r*
T0

r10tRelur10s*
T0

r10uRelur10t*
T0

r10vRelur10u*
T0

r10wRelur10v*
T0

r10xRelur10w*
T0

r10yRelur10x*
T0

r10zRelur10y*
T0

r110Relur10z*
T0

r111Relur110*
T0

r112Relur111*
T0

r113Relur112*
T0

r114Relur113*
T0

r115Relur114*
T0

r116Relur115*
T0

r117Relur116*
T0

r118Relur117*
T0

r119Relur118*
T0

r11aRelur119*
T0

r11bRelur11a*
T0

r11cRelur11b*
T0

r11dRelur11c*
T0

r11eRelur11d*
T0

r11fRelur11e*
T0

r11gRelur11f*
T0

r11hRelur11g*
T0

r11iRelur11h*
T0

r11jRelur11i*
T0

r11kRelur11j*
T0

r11lRelur11k*
T0

r11mRelur11l*
T0

r11nRelur11m*
T0

r11oRelur11n*
T0

r11pRelur11o*
T0

r11qRelur11p*
T0

r11rRelur11q*
T0

r11sRelur11r*
T0

r11tRelur11s*
T0

r11uRelur11t*
T0

r11vRelur11u*
T0

r11wRelur11v*
T0

r11xRelur11w*
T0

r11yRelur11x*
T0

r11zRelur11y*
T0

r120Relur11z*
T0

r121Relur120*
T0

r122Relur121*
T0

r123Relur122*
T0

r124Relur123*
T0

r125Relur124*
T0

r126Relur125*
T0

r127Relur126*
T0

r128Relur127*
T0

r129Relur128*
T0

r12aRelur129*
T0

r12bRelur12a*
T0

r12cRelur12b*
T0

r12dRelur12c*
T0

r12eRelur12d*
T0

r12fRelur12e*
T0

r12gRelur12f*
T0

r12hRelur12g*
T0

r12iRelur12h*
T0

r12jRelur12i*
T0

r12kRelur12j*
T0

r12lRelur12k*
T0

r12mRelur12l*
T0

r12nRelur12m*
T0

r12oRelur12n*
T0

r12pRelur12o*
T0

r12qRelur12p*
T0

r12rRelur12q*
T0

r12sRelur12r*
T0

r12tRelur12s*
T0

r12uRelur12t*
T0

r12vRelur12u*
T0

r12wRelur12v*
T0

r12xRelur12w*
T0

r12yRelur12x*
T0

r12zRelur12y*
T0

r130Relur12z*
T0

r131Relur130*
T0

r132Relur131*
T0

r133Relur132*
T0

r134Relur133*
T0

r135Relur134*
T0

r136Relur135*
T0

r137Relur136*
T0

r138Relur137*
T0

r139Relur138*
T0

r13aRelur139*
T0

r13bRelur13a*
T0

r13cRelur13b*
T0

r13dRelur13c*
T0

r13eRelur13d*
T0

r13fRelur13e*
T0

r13gRelur13f*
T0

r13hRelur13g*
T0

r13iRelur13h*
T0

r13jRelur13i*
T0

r13kRelur13j*
T0

r13lRelur13k*
T0

r13mRelur13l*
T0

r13nRelur13m*
T0

r13oRelur13n*
T0

r13pRelur13o*
T0

r13qRelur13p*
T0

r13rRelur13q*
T0

r13sRelur13r*
T0

r13tRelur13s*
T0

r13uRelur13t*
T0

r13vRelur13u*
T0

r13wRelur13v*
T0

r13xRelur13w*
T0

r13yRelur13x*
T0

r13zRelur13y*
T0

r140Relur13z*
T0

r141Relur140*
T0

r142Relur141*
T0

r143Relur142*
T0

r144Relur143*
T0

r145Relur144*
T0

r146Relur145*
T0

r147Relur146*
T0

r148Relur147*
T0

r149Relur148*
T0

r14aRelur149*
T0

r14bRelur14a*
T0

r14cRelur14b*
T0

r14dRelur14c*
T0

r14eRelur14d*
T0

r14fRelur14e*
T0

r14gRelur14f*
T0

r14hRelur14g*
T0

r14iRelur14h*
T0

r14jRelur14i*
T0

r14kRelur14j*
T0

r14lRelur14k*
T0

r14mRelur14l*
T0

r14nRelur14m*
T0

r14oRelur14n*
T0

r14pRelur14o*
T0

r14qRelur14p*
T0

r14rRelur14q*
T0

r14sRelur14r*
T0

r14tRelur14s*
T0

r14uRelur14t*
T0

r14vRelur14u*
T0

r14wRelur14v*
T0

r14xRelur14w*
T0

r14yRelur14x*
T0

r14zRelur14y*
T0

r150Relur14z*
T0

r151Relur150*
T0

r152Relur151*
T0

r153Relur152*
T0

r154Relur153*
T0

r155Relur154*
T0

r156Relur155*
T0

r157Relur156*
T0

r158Relur157*
T0

r159Relur158*
T0

r15aRelur159*
T0

r15bRelur15a*
T0

r15cRelur15b*
T0

r15dRelur15c*
T0

r15eRelur15d*
T0

r15fRelur15e*
T0

r15gRelur15f*
T0

r15hRelur15g*
T0

r15iRelur15h*
T0

r15jRelur15i*
T0

r15kRelur15j*
T0

r15lRelur15k*
T0

r15mRelur15l*
T0

r15nRelur15m*
T0

a0AddV2xx*
T0

a1AddV2a0x*
T0

a2AddV2a1x*
T0

a3AddV2a2x*
T0

a4AddV2a3x*
T0

a5AddV2a4x*
T0

a6AddV2a5x*
T0

a7AddV2a6x*
T0

a8AddV2a7x*
T0

a9AddV2a8x*
T0

aaAddV2a9x*
T0

abAddV2aax*
T0

acAddV2abx*
T0

adAddV2acx*
T0

aeAddV2adx*
T0

afAddV2aex*
T0

agAddV2afx*
T0

ahAddV2agx*
T0

aiAddV2ahx*
T0

ajAddV2aix*
T0

akAddV2ajx*
T0

alAddV2akx*
T0

amAddV2alx*
T0

anAddV2amx*
T0

aoAddV2anx*
T0

apAddV2aox*
T0

aqAddV2apx*
T0

arAddV2aqx*
T0

asAddV2arx*
T0

atAddV2asx*
T0

auAddV2atx*
T0

avAddV2aux*
T0

awAddV2avx*
T0

axAddV2awx*
T0

ayAddV2axx*
T0

azAddV2ayx*
T0

a10AddV2azx*
T0

a11AddV2a10x*
T0

a12AddV2a11x*
T0

a13AddV2a12x*
T0

a14AddV2a13x*
T0

a15AddV2a14x*
T0

a16AddV2a15x*
T0

a17AddV2a16x*
T0

a18AddV2a17x*
T0

a19AddV2a18x*
T0

a1aAddV2a19x*
T0

a1bAddV2a1ax*
T0

a1cAddV2a1bx*
T0

a1dAddV2a1cx*
T0

a1eAddV2a1dx*
T0

a1fAddV2a1ex*
T0

a1gAddV2a1fx*
T0

a1hAddV2a1gx*
T0

a1iAddV2a1hx*
T0

a1jAddV2a1ix*
T0

a1kAddV2a1jx*
T0

a1lAddV2a1kx*
T0

a1mAddV2a1lx*
T0

a1nAddV2a1mx*
T0

a1oAddV2a1nx*
T0

a1pAddV2a1ox*
T0

a1qAddV2a1px*
T0

a1rAddV2a1qx*
T0

a1sAddV2a1rx*
T0

a1tAddV2a1sx*
T0

a1uAddV2a1tx*
T0

a1vAddV2a1ux*
T0

a1wAddV2a1vx*
T0

a1xAddV2a1wx*
T0

a1yAddV2a1xx*
T0

a1zAddV2a1yx*
T0

a20AddV2a1zx*
T0

a21AddV2a20x*
T0

a22AddV2a21x*
T0

a23AddV2a22x*
T0

a24AddV2a23x*
T0

a25AddV2a24x*
T0

a26AddV2a25x*
T0

a27AddV2a26x*
T0

a28AddV2a27x*
T0

a29AddV2a28x*
T0

a2aAddV2a29x*
T0

a2bAddV2a2ax*
T0

a2cAddV2a2bx*
T0

a2dAddV2a2cx*
T0

a2eAddV2a2dx*
T0

a2fAddV2a2ex*
T0

a2gAddV2a2fx*
T0

a2hAddV2a2gx*
T0

a2iAddV2a2hx*
T0

a2jAddV2a2ix*
T0

a2kAddV2a2jx*
T0

a2lAddV2a2kx*
T0

a2mAddV2a2lx*
T0

a2nAddV2a2mx*
T0

a2oAddV2a2nx*
T0

a2pAddV2a2ox*
T0

a2qAddV2a2px*
T0

a2rAddV2a2qx*
T0

a2sAddV2a2rx*
T0

a2tAddV2a2sx*
T0

a2uAddV2a2tx*
T0

a2vAddV2a2ux*
T0

a2wAddV2a2vx*
T0

a2xAddV2a2wx*
T0

a2yAddV2a2xx*
T0

a2zAddV2a2yx*
T0

a30AddV2a2zx*
T0

a31AddV2a30x*
T0

a32AddV2a31x*
T0

a33AddV2a32x*
T0

a34AddV2a33x*
T0

a35AddV2a34x*
T0

a36AddV2a35x*
T0

a37AddV2a36x*
T0

a38AddV2a37x*
T0

a39AddV2a38x*
T0

a3aAddV2a39x*
T0

a3bAddV2a3ax*
T0

a3cAddV2a3bx*
T0

a3dAddV2a3cx*
T0

a3eAddV2a3dx*
T0

a3fAddV2a3ex*
T0

a3gAddV2a3fx*
T0

a3hAddV2a3gx*
T0

a3iAddV2a3hx*
T0

a3jAddV2a3ix*
T0

a3kAddV2a3jx*
T0

a3lAddV2a3kx*
T0

a3mAddV2a3lx*
T0

a3nAddV2a3mx*
T0

a3oAddV2a3nx*
T0

a3pAddV2a3ox*
T0

a3qAddV2a3px*
T0

a3rAddV2a3qx*
T0

a3sAddV2a3rx*
T0

a3tAddV2a3sx*
T0

a3uAddV2a3tx*
T0

a3vAddV2a3ux*
T0

a3wAddV2a3vx*
T0

a3xAddV2a3wx*
T0

a3yAddV2a3xx*
T0

a3zAddV2a3yx*
T0

a40AddV2a3zx*
T0

a41AddV2a40x*
T0

a42AddV2a41x*
T0

a43AddV2a42x*
T0

a44AddV2a43x*
T0

a45AddV2a44x*
T0

a46AddV2a45x*
T0

a47AddV2a46x*
T0

a48AddV2a47x*
T0

a49AddV2a48x*
T0

a4aAddV2a49x*
T0

a4bAddV2a4ax*
T0

a4cAddV2a4bx*
T0

a4dAddV2a4cx*
T0

a4eAddV2a4dx*
T0

a4fAddV2a4ex*
T0

a4gAddV2a4fx*
T0

a4hAddV2a4gx*
T0

a4iAddV2a4hx*
T0

a4jAddV2a4ix*
T0

a4kAddV2a4jx*
T0

a4lAddV2a4kx*
T0

a4mAddV2a4lx*
T0

a4nAddV2a4mx*
T0

a4oAddV2a4nx*
T0

a4pAddV2a4ox*
T0

a4qAddV2a4px*
T0

a4rAddV2a4qx*
T0

a4sAddV2a4rx*
T0

a4tAddV2a4sx*
T0

a4uAddV2a4tx*
T0

a4vAddV2a4ux*
T0

a4wAddV2a4vx*
T0

a4xAddV2a4wx*
T0

a4yAddV2a4xx*
T0

a4zAddV2a4yx*
T0

a50AddV2a4zx*
T0

a51AddV2a50x*
T0

a52AddV2a51x*
T0

a53AddV2a52x*
T0

a54AddV2a53x*
T0

a55AddV2a54x*
T0

a56AddV2a55x*
T0

a57AddV2a56x*
T0

a58AddV2a57x*
T0

a59AddV2a58x*
T0

a5aAddV2a59x*
T0

a5bAddV2a5ax*
T0

a5cAddV2a5bx*
T0

a5dAddV2a5cx*
T0

a5eAddV2a5dx*
T0

a5fAddV2a5ex*
T0

a5gAddV2a5fx*
T0

a5hAddV2a5gx*
T0

a5iAddV2a5hx*
T0

a5jAddV2a5ix*
T0

a5kAddV2a5jx*
T0

a5lAddV2a5kx*
T0

a5mAddV2a5lx*
T0

a5nAddV2a5mx*
T0

a5oAddV2a5nx*
T0

a5pAddV2a5ox*
T0

a5qAddV2a5px*
T0

a5rAddV2a5qx*
T0

a5sAddV2a5rx*
T0

a5tAddV2a5sx*
T0

a5uAddV2a5tx*
T0

a5vAddV2a5ux*
T0

a5wAddV2a5vx*
T0

a5xAddV2a5wx*
T0

a5yAddV2a5xx*
T0

a5zAddV2a5yx*
T0

a60AddV2a5zx*
T0

a61AddV2a60x*
T0

a62AddV2a61x*
T0

a63AddV2a62x*
T0

a64AddV2a63x*
T0

a65AddV2a64x*
T0

a66AddV2a65x*
T0

a67AddV2a66x*
T0

a68AddV2a67x*
T0

a69AddV2a68x*
T0

a6aAddV2a69x*
T0

a6bAddV2a6ax*
T0

a6cAddV2a6bx*
T0

a6dAddV2a6cx*
T0

a6eAddV2a6dx*
T0

a6fAddV2a6ex*
T0

a6gAddV2a6fx*
T0

a6hAddV2a6gx*
T0

a6iAddV2a6hx*
T0

a6jAddV2a6ix*
T0

a6kAddV2a6jx*
T0

a6lAddV2a6kx*
T0

a6mAddV2a6lx*
T0

a6nAddV2a6mx*
T0

a6oAddV2a6nx*
T0

a6pAddV2a6ox*
T0

a6qAddV2a6px*
T0

a6rAddV2a6qx*
T0

a6sAddV2a6rx*
T0

a6tAddV2a6sx*
T0

a6uAddV2a6tx*
T0

a6vAddV2a6ux*
T0

a6wAddV2a6vx*
T0

a6xAddV2a6wx*
T0

a6yAddV2a6xx*
T0

a6zAddV2a6yx*
T0

a70AddV2a6zx*
T0

a71AddV2a70x*
T0

a72AddV2a71x*
T0

a73AddV2a72x*
T0

a74AddV2a73x*
T0

a75AddV2a74x*
T0

a76AddV2a75x*
T0

a77AddV2a76x*
T0

a78AddV2a77x*
T0

a79AddV2a78x*
T0

a7aAddV2a79x*
T0

a7bAddV2a7ax*
T0

a7cAddV2a7bx*
T0

a7dAddV2a7cx*
T0

a7eAddV2a7dx*
T0

a7fAddV2a7ex*
T0

a7gAddV2a7fx*
T0

a7hAddV2a7gx*
T0

a7iAddV2a7hx*
T0

a7jAddV2a7ix*
T0

a7kAddV2a7jx*
T0

a7lAddV2a7kx*
T0

a7mAddV2a7lx*
T0

a7nAddV2a7mx*
T0

a7oAddV2a7nx*
T0

a7pAddV2a7ox*
T0

a7qAddV2a7px*
T0

a7rAddV2a7qx*
T0

a7sAddV2a7rx*
T0

a7tAddV2a7sx*
T0

a7uAddV2a7tx*
T0

a7vAddV2a7ux*
T0

a7wAddV2a7vx*
T0

a7xAddV2a7wx*
T0

a7yAddV2a7xx*
T0

a7zAddV2a7yx*
T0

a80AddV2a7zx*
T0

a81AddV2a80x*
T0

a82AddV2a81x*
T0

a83AddV2a82x*
T0

a84AddV2a83x*
T0

a85AddV2a84x*
T0

a86AddV2a85x*
T0

a87AddV2a86x*
T0

a88AddV2a87x*
T0

a89AddV2a88x*
T0

a8aAddV2a89x*
T0

a8bAddV2a8ax*
T0

a8cAddV2a8bx*
T0

a8dAddV2a8cx*
T0

a8eAddV2a8dx*
T0

a8fAddV2a8ex*
T0

a8gAddV2a8fx*
T0

a8hAddV2a8gx*
T0

a8iAddV2a8hx*
T0

a8jAddV2a8ix*
T0

a8kAddV2a8jx*
T0

a8lAddV2a8kx*
T0

a8mAddV2a8lx*
T0

a8nAddV2a8mx*
T0

a8oAddV2a8nx*
T0

a8pAddV2a8ox*
T0

a8qAddV2a8px*
T0

a8rAddV2a8qx*
T0

a8sAddV2a8rx*
T0

a8tAddV2a8sx*
T0

a8uAddV2a8tx*
T0

a8vAddV2a8ux*
T0

a8wAddV2a8vx*
T0

a8xAddV2a8wx*
T0

a8yAddV2a8xx*
T0

a8zAddV2a8yx*
T0

a90AddV2a8zx*
T0

a91AddV2a90x*
T0

a92AddV2a91x*
T0

a93AddV2a92x*
T0

a94AddV2a93x*
T0

a95AddV2a94x*
T0

a96AddV2a95x*
T0

a97AddV2a96x*
T0

a98AddV2a97x*
T0

a99AddV2a98x*
T0

a9aAddV2a99x*
T0

a9bAddV2a9ax*
T0

a9cAddV2a9bx*
T0

a9dAddV2a9cx*
T0

a9eAddV2a9dx*
T0

a9fAddV2a9ex*
T0

a9gAddV2a9fx*
T0

a9hAddV2a9gx*
T0

a9iAddV2a9hx*
T0

a9jAddV2a9ix*
T0

a9kAddV2a9jx*
T0

a9lAddV2a9kx*
T0

a9mAddV2a9lx*
T0

a9nAddV2a9mx*
T0

a9oAddV2a9nx*
T0

a9pAddV2a9ox*
T0

a9qAddV2a9px*
T0

a9rAddV2a9qx*
T0

a9sAddV2a9rx*
T0

a9tAddV2a9sx*
T0

a9uAddV2a9tx*
T0

a9vAddV2a9ux*
T0

a9wAddV2a9vx*
T0

a9xAddV2a9wx*
T0

a9yAddV2a9xx*
T0

a9zAddV2a9yx*
T0

aa0AddV2a9zx*
T0

aa1AddV2aa0x*
T0

aa2AddV2aa1x*
T0

aa3AddV2aa2x*
T0

aa4AddV2aa3x*
T0

aa5AddV2aa4x*
T0

aa6AddV2aa5x*
T0

aa7AddV2aa6x*
T0

aa8AddV2aa7x*
T0

aa9AddV2aa8x*
T0

aaaAddV2aa9x*
T0

aabAddV2aaax*
T0

aacAddV2aabx*
T0

aadAddV2aacx*
T0

aaeAddV2aadx*
T0

aafAddV2aaex*
T0

aagAddV2aafx*
T0

aahAddV2aagx*
T0

aaiAddV2aahx*
T0

aajAddV2aaix*
T0

aakAddV2aajx*
T0

aalAddV2aakx*
T0

aamAddV2aalx*
T0

aanAddV2aamx*
T0

aaoAddV2aanx*
T0

aapAddV2aaox*
T0

aaqAddV2aapx*
T0

aarAddV2aaqx*
T0

aasAddV2aarx*
T0

aatAddV2aasx*
T0

aauAddV2aatx*
T0

aavAddV2aaux*
T0

aawAddV2aavx*
T0

aaxAddV2aawx*
T0

aayAddV2aaxx*
T0

aazAddV2aayx*
T0

ab0AddV2aazx*
T0

ab1AddV2ab0x*
T0

ab2AddV2ab1x*
T0

ab3AddV2ab2x*
T0

ab4AddV2ab3x*
T0

ab5AddV2ab4x*
T0

ab6AddV2ab5x*
T0

ab7AddV2ab6x*
T0

ab8AddV2ab7x*
T0

ab9AddV2ab8x*
T0

abaAddV2ab9x*
T0

abbAddV2abax*
T0

abcAddV2abbx*
T0

abdAddV2abcx*
T0

abeAddV2abdx*
T0

abfAddV2abex*
T0

abgAddV2abfx*
T0

abhAddV2abgx*
T0

abiAddV2abhx*
T0

abjAddV2abix*
T0

abkAddV2abjx*
T0

ablAddV2abkx*
T0

abmAddV2ablx*
T0

abnAddV2abmx*
T0

aboAddV2abnx*
T0

abpAddV2abox*
T0

abqAddV2abpx*
T0

abrAddV2abqx*
T0

absAddV2abrx*
T0

abtAddV2absx*
T0

abuAddV2abtx*
T0

abvAddV2abux*
T0

abwAddV2abvx*
T0

abxAddV2abwx*
T0

abyAddV2abxx*
T0

abzAddV2abyx*
T0

ac0AddV2abzx*
T0

ac1AddV2ac0x*
T0

ac2AddV2ac1x*
T0

ac3AddV2ac2x*
T0

ac4AddV2ac3x*
T0

ac5AddV2ac4x*
T0

ac6AddV2ac5x*
T0

ac7AddV2ac6x*
T0

ac8AddV2ac7x*
T0

ac9AddV2ac8x*
T0

acaAddV2ac9x*
T0

acbAddV2acax*
T0

accAddV2acbx*
T0

acdAddV2accx*
T0

aceAddV2acdx*
T0

acfAddV2acex*
T0

acgAddV2acfx*
T0

achAddV2acgx*
T0

aciAddV2achx*
T0

acjAddV2acix*
T0

ackAddV2acjx*
T0

aclAddV2ackx*
T0

acmAddV2aclx*
T0

acnAddV2acmx*
T0

acoAddV2acnx*
T0

acpAddV2acox*
T0

acqAddV2acpx*
T0

acrAddV2acqx*
T0

acsAddV2acrx*
T0

actAddV2acsx*
T0

acuAddV2actx*
T0

acvAddV2acux*
T0

acwAddV2acvx*
T0

acxAddV2acwx*
T0

acyAddV2acxx*
T0

aczAddV2acyx*
T0

ad0AddV2aczx*
T0

ad1AddV2ad0x*
T0

ad2AddV2ad1x*
T0

ad3AddV2ad2x*
T0

ad4AddV2ad3x*
T0

ad5AddV2ad4x*
T0

ad6AddV2ad5x*
T0

ad7AddV2ad6x*
T0

ad8AddV2ad7x*
T0

ad9AddV2ad8x*
T0

adaAddV2ad9x*
T0

adbAddV2adax*
T0

adcAddV2adbx*
T0

addAddV2adcx*
T0

adeAddV2addx*
T0

adfAddV2adex*
T0

adgAddV2adfx*
T0

adhAddV2adgx*
T0

adiAddV2adhx*
T0

adjAddV2adix*
T0

adkAddV2adjx*
T0

adlAddV2adkx*
T0

admAddV2adlx*
T0

adnAddV2admx*
T0

adoAddV2adnx*
T0

adpAddV2adox*
T0

adqAddV2adpx*
T0

adrAddV2adqx*
T0

adsAddV2adrx*
T0

adtAddV2adsx*
T0

aduAddV2adtx*
T0

advAddV2adux*
T0

adwAddV2advx*
T0

adxAddV2adwx*
T0

adyAddV2adxx*
T0

adzAddV2adyx*
T0

ae0AddV2adzx*
T0

ae1AddV2ae0x*
T0

ae2AddV2ae1x*
T0

ae3AddV2ae2x*
T0

ae4AddV2ae3x*
T0

ae5AddV2ae4x*
T0

ae6AddV2ae5x*
T0

ae7AddV2ae6x*
T0

ae8AddV2ae7x*
T0

ae9AddV2ae8x*
T0

aeaAddV2ae9x*
T0

aebAddV2aeax*
T0

aecAddV2aebx*
T0

aedAddV2aecx*
T0

aeeAddV2aedx*
T0

aefAddV2aeex*
T0

aegAddV2aefx*
T0

aehAddV2aegx*
T0

aeiAddV2aehx*
T0

aejAddV2aeix*
T0

aekAddV2aejx*
T0

aelAddV2aekx*
T0

aemAddV2aelx*
T0

aenAddV2aemx*
T0

aeoAddV2aenx*
T0

aepAddV2aeox*
T0

aeqAddV2aepx*
T0

aerAddV2aeqx*
T0

aesAddV2aerx*
T0

aetAddV2aesx*
T0

aeuAddV2aetx*
T0

aevAddV2aeux*
T0

aewAddV2aevx*
T0

aexAddV2aewx*
T0

aeyAddV2aexx*
T0

aezAddV2aeyx*
T0

af0AddV2aezx*
T0

af1AddV2af0x*
T0

af2AddV2af1x*
T0

af3AddV2af2x*
T0

af4AddV2af3x*
T0

af5AddV2af4x*
T0

af6AddV2af5x*
T0

af7AddV2af6x*
T0

af8AddV2af7x*
T0

af9AddV2af8x*
T0

afaAddV2af9x*
T0

afbAddV2afax*
T0

afcAddV2afbx*
T0

afdAddV2afcx*
T0

afeAddV2afdx*
T0

affAddV2afex*
T0

afgAddV2affx*
T0

afhAddV2afgx*
T0

afiAddV2afhx*
T0

afjAddV2afix*
T0

afkAddV2afjx*
T0

aflAddV2afkx*
T0

afmAddV2aflx*
T0

afnAddV2afmx*
T0

afoAddV2afnx*
T0

afpAddV2afox*
T0

afqAddV2afpx*
T0

afrAddV2afqx*
T0

afsAddV2afrx*
T0

aftAddV2afsx*
T0

afuAddV2aftx*
T0

afvAddV2afux*
T0

afwAddV2afvx*
T0

afxAddV2afwx*
T0

afyAddV2afxx*
T0

afzAddV2afyx*
T0

ag0AddV2afzx*
T0

ag1AddV2ag0x*
T0

ag2AddV2ag1x*
T0

ag3AddV2ag2x*
T0

ag4AddV2ag3x*
T0

ag5AddV2ag4x*
T0

ag6AddV2ag5x*
T0

ag7AddV2ag6x*
T0

ag8AddV2ag7x*
T0

ag9AddV2ag8x*
T0

agaAddV2ag9x*
T0

agbAddV2agax*
T0

agcAddV2agbx*
T0

agdAddV2agcx*
T0

ageAddV2agdx*
T0

agfAddV2agex*
T0

aggAddV2agfx*
T0

aghAddV2aggx*
T0

agiAddV2aghx*
T0

agjAddV2agix*
T0

agkAddV2agjx*
T0

aglAddV2agkx*
T0

agmAddV2aglx*
T0

agnAddV2agmx*
T0

agoAddV2agnx*
T0

agpAddV2agox*
T0

agqAddV2agpx*
T0

agrAddV2agqx*
T0

agsAddV2agrx*
T0

agtAddV2agsx*
T0

aguAddV2agtx*
T0

agvAddV2agux*
T0

agwAddV2agvx*
T0

agxAddV2agwx*
T0

agyAddV2agxx*
T0

agzAddV2agyx*
T0

ah0AddV2agzx*
T0

ah1AddV2ah0x*
T0

ah2AddV2ah1x*
T0

ah3AddV2ah2x*
T0

ah4AddV2ah3x*
T0

ah5AddV2ah4x*
T0

ah6AddV2ah5x*
T0

ah7AddV2ah6x*
T0

ah8AddV2ah7x*
T0

ah9AddV2ah8x*
T0

ahaAddV2ah9x*
T0

ahbAddV2ahax*
T0

ahcAddV2ahbx*
T0

ahdAddV2ahcx*
T0

aheAddV2ahdx*
T0

ahfAddV2ahex*
T0

ahgAddV2ahfx*
T0

ahhAddV2ahgx*
T0

ahiAddV2ahhx*
T0

ahjAddV2ahix*
T0

ahkAddV2ahjx*
T0

ahlAddV2ahkx*
T0

ahmAddV2ahlx*
T0

ahnAddV2ahmx*
T0

ahoAddV2ahnx*
T0

ahpAddV2ahox*
T0

ahqAddV2ahpx*
T0

ahrAddV2ahqx*
T0

ahsAddV2ahrx*
T0

ahtAddV2ahsx*
T0

ahuAddV2ahtx*
T0

ahvAddV2ahux*
T0

ahwAddV2ahvx*
T0

ahxAddV2ahwx*
T0

ahyAddV2ahxx*
T0

ahzAddV2ahyx*
T0

ai0AddV2ahzx*
T0

ai1AddV2ai0x*
T0

ai2AddV2ai1x*
T0

ai3AddV2ai2x*
T0

ai4AddV2ai3x*
T0

ai5AddV2ai4x*
T0

ai6AddV2ai5x*
T0

ai7AddV2ai6x*
T0

ai8AddV2ai7x*
T0

ai9AddV2ai8x*
T0

aiaAddV2ai9x*
T0

aibAddV2aiax*
T0

aicAddV2aibx*
T0

aidAddV2aicx*
T0

aieAddV2aidx*
T0

aifAddV2aiex*
T0

aigAddV2aifx*
T0

aihAddV2aigx*
T0

aiiAddV2aihx*
T0

aijAddV2aiix*
T0

aikAddV2aijx*
T0

ailAddV2aikx*
T0

aimAddV2ailx*
T0

ainAddV2aimx*
T0

aioAddV2ainx*
T0

aipAddV2aiox*
T0

aiqAddV2aipx*
T0

airAddV2aiqx*
T0

aisAddV2airx*
T0

aitAddV2aisx*
T0

aiuAddV2aitx*
T0

aivAddV2aiux*
T0

aiwAddV2aivx*
T0

aixAddV2aiwx*
T0

aiyAddV2aixx*
T0

aizAddV2aiyx*
T0

aj0AddV2aizx*
T0

aj1AddV2aj0x*
T0

aj2AddV2aj1x*
T0

aj3AddV2aj2x*
T0

aj4AddV2aj3x*
T0

aj5AddV2aj4x*
T0

aj6AddV2aj5x*
T0

aj7AddV2aj6x*
T0

aj8AddV2aj7x*
T0

aj9AddV2aj8x*
T0

ajaAddV2aj9x*
T0

ajbAddV2ajax*
T0

ajcAddV2ajbx*
T0

ajdAddV2ajcx*
T0

ajeAddV2ajdx*
T0

ajfAddV2ajex*
T0

ajgAddV2ajfx*
T0

ajhAddV2ajgx*
T0

ajiAddV2ajhx*
T0

ajjAddV2ajix*
T0

ajkAddV2ajjx*
T0

ajlAddV2ajkx*
T0

ajmAddV2ajlx*
T0

ajnAddV2ajmx*
T0

ajoAddV2ajnx*
T0

ajpAddV2ajox*
T0

ajqAddV2ajpx*
T0

ajrAddV2ajqx*
T0

ajsAddV2ajrx*
T0

ajtAddV2ajsx*
T0

ajuAddV2ajtx*
T0

ajvAddV2ajux*
T0

ajwAddV2ajvx*
T0

ajxAddV2ajwx*
T0

ajyAddV2ajxx*
T0

ajzAddV2ajyx*
T0

ak0AddV2ajzx*
T0

ak1AddV2ak0x*
T0

ak2AddV2ak1x*
T0

ak3AddV2ak2x*
T0

ak4AddV2ak3x*
T0

ak5AddV2ak4x*
T0

ak6AddV2ak5x*
T0

ak7AddV2ak6x*
T0

ak8AddV2ak7x*
T0

ak9AddV2ak8x*
T0

akaAddV2ak9x*
T0

akbAddV2akax*
T0

akcAddV2akbx*
T0

akdAddV2akcx*
T0

akeAddV2akdx*
T0

akfAddV2akex*
T0

akgAddV2akfx*
T0

akhAddV2akgx*
T0

akiAddV2akhx*
T0

akjAddV2akix*
T0

akkAddV2akjx*
T0

aklAddV2akkx*
T0

akmAddV2aklx*
T0

aknAddV2akmx*
T0

akoAddV2aknx*
T0

akpAddV2akox*
T0

akqAddV2akpx*
T0

akrAddV2akqx*
T0

aksAddV2akrx*
T0

aktAddV2aksx*
T0

akuAddV2aktx*
T0

akvAddV2akux*
T0

akwAddV2akvx*
T0

akxAddV2akwx*
T0

akyAddV2akxx*
T0

akzAddV2akyx*
T0

al0AddV2akzx*
T0

al1AddV2al0x*
T0

al2AddV2al1x*
T0

al3AddV2al2x*
T0

al4AddV2al3x*
T0

al5AddV2al4x*
T0

al6AddV2al5x*
T0

al7AddV2al6x*
T0

al8AddV2al7x*
T0

al9AddV2al8x*
T0

alaAddV2al9x*
T0

albAddV2alax*
T0

alcAddV2albx*
T0

aldAddV2alcx*
T0

aleAddV2aldx*
T0

alfAddV2alex*
T0

algAddV2alfx*
T0

alhAddV2algx*
T0

aliAddV2alhx*
T0

aljAddV2alix*
T0

alkAddV2aljx*
T0

allAddV2alkx*
T0

almAddV2allx*
T0

alnAddV2almx*
T0

aloAddV2alnx*
T0

alpAddV2alox*
T0

alqAddV2alpx*
T0

alrAddV2alqx*
T0

alsAddV2alrx*
T0

altAddV2alsx*
T0

aluAddV2altx*
T0

alvAddV2alux*
T0

alwAddV2alvx*
T0

alxAddV2alwx*
T0

alyAddV2alxx*
T0

alzAddV2alyx*
T0

am0AddV2alzx*
T0

am1AddV2am0x*
T0

am2AddV2am1x*
T0

am3AddV2am2x*
T0

am4AddV2am3x*
T0

am5AddV2am4x*
T0

am6AddV2am5x*
T0

am7AddV2am6x*
T0

am8AddV2am7x*
T0

am9AddV2am8x*
T0

amaAddV2am9x*
T0

ambAddV2amax*
T0

amcAddV2ambx*
T0

amdAddV2amcx*
T0

ameAddV2amdx*
T0

amfAddV2amex*
T0

amgAddV2amfx*
T0

amhAddV2amgx*
T0

amiAddV2amhx*
T0

amjAddV2amix*
T0

amkAddV2amjx*
T0

amlAddV2amkx*
T0

ammAddV2amlx*
T0

amnAddV2ammx*
T0

amoAddV2amnx*
T0

ampAddV2amox*
T0

amqAddV2ampx*
T0

amrAddV2amqx*
T0

amsAddV2amrx*
T0

amtAddV2amsx*
T0

amuAddV2amtx*
T0

amvAddV2amux*
T0

amwAddV2amvx*
T0

amxAddV2amwx*
T0

amyAddV2amxx*
T0

amzAddV2amyx*
T0

an0AddV2amzx*
T0

an1AddV2an0x*
T0

an2AddV2an1x*
T0

an3AddV2an2x*
T0

an4AddV2an3x*
T0

an5AddV2an4x*
T0

an6AddV2an5x*
T0

an7AddV2an6x*
T0

an8AddV2an7x*
T0

an9AddV2an8x*
T0

anaAddV2an9x*
T0

anbAddV2anax*
T0

ancAddV2anbx*
T0

andAddV2ancx*
T0

aneAddV2andx*
T0

anfAddV2anex*
T0

angAddV2anfx*
T0

anhAddV2angx*
T0

aniAddV2anhx*
T0

anjAddV2anix*
T0

ankAddV2anjx*
T0

anlAddV2ankx*
T0

anmAddV2anlx*
T0

annAddV2anmx*
T0

anoAddV2annx*
T0

anpAddV2anox*
T0

anqAddV2anpx*
T0

anrAddV2anqx*
T0

ansAddV2anrx*
T0

antAddV2ansx*
T0

anuAddV2antx*
T0

anvAddV2anux*
T0

anwAddV2anvx*
T0

anxAddV2anwx*
T0

anyAddV2anxx*
T0

anzAddV2anyx*
T0

ao0AddV2anzx*
T0

ao1AddV2ao0x*
T0

ao2AddV2ao1x*
T0

ao3AddV2ao2x*
T0

ao4AddV2ao3x*
T0

ao5AddV2ao4x*
T0

ao6AddV2ao5x*
T0

ao7AddV2ao6x*
T0

ao8AddV2ao7x*
T0

ao9AddV2ao8x*
T0

aoaAddV2ao9x*
T0

aobAddV2aoax*
T0

aocAddV2aobx*
T0

aodAddV2aocx*
T0

aoeAddV2aodx*
T0

aofAddV2aoex*
T0

aogAddV2aofx*
T0

aohAddV2aogx*
T0

aoiAddV2aohx*
T0

aojAddV2aoix*
T0

aokAddV2aojx*
T0

aolAddV2aokx*
T0

aomAddV2aolx*
T0

aonAddV2aomx*
T0

aooAddV2aonx*
T0

aopAddV2aoox*
T0

aoqAddV2aopx*
T0

aorAddV2aoqx*
T0

aosAddV2aorx*
T0

aotAddV2aosx*
T0

aouAddV2aotx*
T0

aovAddV2aoux*
T0

aowAddV2aovx*
T0

aoxAddV2aowx*
T0

aoyAddV2aoxx*
T0

aozAddV2aoyx*
T0

ap0AddV2aozx*
T0

ap1AddV2ap0x*
T0

ap2AddV2ap1x*
T0

ap3AddV2ap2x*
T0

ap4AddV2ap3x*
T0

ap5AddV2ap4x*
T0

ap6AddV2ap5x*
T0

ap7AddV2ap6x*
T0

ap8AddV2ap7x*
T0

ap9AddV2ap8x*
T0

apaAddV2ap9x*
T0

apbAddV2apax*
T0

apcAddV2apbx*
T0

apdAddV2apcx*
T0

apeAddV2apdx*
T0

apfAddV2apex*
T0

apgAddV2apfx*
T0

aphAddV2apgx*
T0

apiAddV2aphx*
T0

apjAddV2apix*
T0

apkAddV2apjx*
T0

aplAddV2apkx*
T0

apmAddV2aplx*
T0

apnAddV2apmx*
T0

apoAddV2apnx*
T0

appAddV2apox*
T0

apqAddV2appx*
T0

aprAddV2apqx*
T0

apsAddV2aprx*
T0

aptAddV2apsx*
T0

apuAddV2aptx*
T0

apvAddV2apux*
T0

apwAddV2apvx*
T0

apxAddV2apwx*
T0

apyAddV2apxx*
T0

apzAddV2apyx*
T0

aq0AddV2apzx*
T0

aq1AddV2aq0x*
T0

aq2AddV2aq1x*
T0

aq3AddV2aq2x*
T0

aq4AddV2aq3x*
T0

aq5AddV2aq4x*
T0

aq6AddV2aq5x*
T0

aq7AddV2aq6x*
T0

aq8AddV2aq7x*
T0

aq9AddV2aq8x*
T0

aqaAddV2aq9x*
T0

aqbAddV2aqax*
T0

aqcAddV2aqbx*
T0

aqdAddV2aqcx*
T0

aqeAddV2aqdx*
T0

aqfAddV2aqex*
T0

aqgAddV2aqfx*
T0

aqhAddV2aqgx*
T0

aqiAddV2aqhx*
T0

aqjAddV2aqix*
T0

aqkAddV2aqjx*
T0

aqlAddV2aqkx*
T0

aqmAddV2aqlx*
T0

aqnAddV2aqmx*
T0

aqoAddV2aqnx*
T0

aqpAddV2aqox*
T0

aqqAddV2aqpx*
T0

aqrAddV2aqqx*
T0

aqsAddV2aqrx*
T0

aqtAddV2aqsx*
T0

aquAddV2aqtx*
T0

aqvAddV2aqux*
T0

aqwAddV2aqvx*
T0

aqxAddV2aqwx*
T0

aqyAddV2aqxx*
T0

aqzAddV2aqyx*
T0

ar0AddV2aqzx*
T0

ar1AddV2ar0x*
T0

ar2AddV2ar1x*
T0

ar3AddV2ar2x*
T0

ar4AddV2ar3x*
T0

ar5AddV2ar4x*
T0

ar6AddV2ar5x*
T0

ar7AddV2ar6x*
T0

ar8AddV2ar7x*
T0

ar9AddV2ar8x*
T0

araAddV2ar9x*
T0

arbAddV2arax*
T0

arcAddV2arbx*
T0

ardAddV2arcx*
T0

areAddV2ardx*
T0

arfAddV2arex*
T0

argAddV2arfx*
T0

arhAddV2argx*
T0

ariAddV2arhx*
T0

arjAddV2arix*
T0

arkAddV2arjx*
T0

arlAddV2arkx*
T0

armAddV2arlx*
T0

arnAddV2armx*
T0

aroAddV2arnx*
T0

arpAddV2arox*
T0

arqAddV2arpx*
T0

arrAddV2arqx*
T0

arsAddV2arrx*
T0

artAddV2arsx*
T0

aruAddV2artx*
T0

arvAddV2arux*
T0

arwAddV2arvx*
T0

arxAddV2arwx*
T0

aryAddV2arxx*
T0

arzAddV2aryx*
T0

as0AddV2arzx*
T0

as1AddV2as0x*
T0

as2AddV2as1x*
T0

as3AddV2as2x*
T0

as4AddV2as3x*
T0

as5AddV2as4x*
T0

as6AddV2as5x*
T0

as7AddV2as6x*
T0

as8AddV2as7x*
T0

as9AddV2as8x*
T0

asaAddV2as9x*
T0

asbAddV2asax*
T0

ascAddV2asbx*
T0

asdAddV2ascx*
T0

aseAddV2asdx*
T0

asfAddV2asex*
T0

asgAddV2asfx*
T0

ashAddV2asgx*
T0

asiAddV2ashx*
T0

asjAddV2asix*
T0

askAddV2asjx*
T0

aslAddV2askx*
T0

asmAddV2aslx*
T0

asnAddV2asmx*
T0

asoAddV2asnx*
T0

aspAddV2asox*
T0

asqAddV2aspx*
T0

asrAddV2asqx*
T0

assAddV2asrx*
T0

astAddV2assx*
T0

asuAddV2astx*
T0

asvAddV2asux*
T0

aswAddV2asvx*
T0

asxAddV2aswx*
T0

asyAddV2asxx*
T0

aszAddV2asyx*
T0

at0AddV2aszx*
T0

at1AddV2at0x*
T0

at2AddV2at1x*
T0

at3AddV2at2x*
T0

at4AddV2at3x*
T0

at5AddV2at4x*
T0

at6AddV2at5x*
T0

at7AddV2at6x*
T0

at8AddV2at7x*
T0

at9AddV2at8x*
T0

ataAddV2at9x*
T0

atbAddV2atax*
T0

atcAddV2atbx*
T0

atdAddV2atcx*
T0

ateAddV2atdx*
T0

atfAddV2atex*
T0

atgAddV2atfx*
T0

athAddV2atgx*
T0

atiAddV2athx*
T0

atjAddV2atix*
T0

atkAddV2atjx*
T0

atlAddV2atkx*
T0

atmAddV2atlx*
T0

atnAddV2atmx*
T0

atoAddV2atnx*
T0

atpAddV2atox*
T0

atqAddV2atpx*
T0

atrAddV2atqx*
T0

atsAddV2atrx*
T0

attAddV2atsx*
T0

atuAddV2attx*
T0

atvAddV2atux*
T0

atwAddV2atvx*
T0

atxAddV2atwx*
T0

atyAddV2atxx*
T0

atzAddV2atyx*
T0

au0AddV2atzx*
T0

au1AddV2au0x*
T0

au2AddV2au1x*
T0

au3AddV2au2x*
T0

au4AddV2au3x*
T0

au5AddV2au4x*
T0

au6AddV2au5x*
T0

au7AddV2au6x*
T0

au8AddV2au7x*
T0

au9AddV2au8x*
T0

auaAddV2au9x*
T0

aubAddV2auax*
T0

aucAddV2aubx*
T0

audAddV2aucx*
T0

aueAddV2audx*
T0

aufAddV2auex*
T0

augAddV2aufx*
T0

auhAddV2augx*
T0

auiAddV2auhx*
T0

aujAddV2auix*
T0

aukAddV2aujx*
T0

aulAddV2aukx*
T0

aumAddV2aulx*
T0

aunAddV2aumx*
T0

auoAddV2aunx*
T0

aupAddV2auox*
T0

auqAddV2aupx*
T0

aurAddV2auqx*
T0

ausAddV2aurx*
T0

autAddV2ausx*
T0

auuAddV2autx*
T0

auvAddV2auux*
T0

auwAddV2auvx*
T0

auxAddV2auwx*
T0

auyAddV2auxx*
T0

auzAddV2auyx*
T0

av0AddV2auzx*
T0

av1AddV2av0x*
T0

av2AddV2av1x*
T0

av3AddV2av2x*
T0

av4AddV2av3x*
T0

av5AddV2av4x*
T0

av6AddV2av5x*
T0

av7AddV2av6x*
T0

av8AddV2av7x*
T0

av9AddV2av8x*
T0

avaAddV2av9x*
T0

avbAddV2avax*
T0

avcAddV2avbx*
T0

avdAddV2avcx*
T0

aveAddV2avdx*
T0

avfAddV2avex*
T0

avgAddV2avfx*
T0

avhAddV2avgx*
T0

aviAddV2avhx*
T0

avjAddV2avix*
T0

avkAddV2avjx*
T0

avlAddV2avkx*
T0

avmAddV2avlx*
T0

avnAddV2avmx*
T0

avoAddV2avnx*
T0

avpAddV2avox*
T0

avqAddV2avpx*
T0

avrAddV2avqx*
T0

avsAddV2avrx*
T0

avtAddV2avsx*
T0

avuAddV2avtx*
T0

avvAddV2avux*
T0

avwAddV2avvx*
T0

avxAddV2avwx*
T0

avyAddV2avxx*
T0

avzAddV2avyx*
T0

aw0AddV2avzx*
T0

aw1AddV2aw0x*
T0

aw2AddV2aw1x*
T0

aw3AddV2aw2x*
T0

aw4AddV2aw3x*
T0

aw5AddV2aw4x*
T0

aw6AddV2aw5x*
T0

aw7AddV2aw6x*
T0

aw8AddV2aw7x*
T0

aw9AddV2aw8x*
T0

awaAddV2aw9x*
T0

awbAddV2awax*
T0

awcAddV2awbx*
T0

awdAddV2awcx*
T0

aweAddV2awdx*
T0

awfAddV2awex*
T0

awgAddV2awfx*
T0

awhAddV2awgx*
T0

awiAddV2awhx*
T0

awjAddV2awix*
T0

awkAddV2awjx*
T0

awlAddV2awkx*
T0

awmAddV2awlx*
T0

awnAddV2awmx*
T0

awoAddV2awnx*
T0

awpAddV2awox*
T0

awqAddV2awpx*
T0

awrAddV2awqx*
T0

awsAddV2awrx*
T0

awtAddV2awsx*
T0

awuAddV2awtx*
T0

awvAddV2awux*
T0

awwAddV2awvx*
T0

awxAddV2awwx*
T0

awyAddV2awxx*
T0

awzAddV2awyx*
T0

ax0AddV2awzx*
T0

ax1AddV2ax0x*
T0

ax2AddV2ax1x*
T0

ax3AddV2ax2x*
T0

ax4AddV2ax3x*
T0

ax5AddV2ax4x*
T0

ax6AddV2ax5x*
T0

ax7AddV2ax6x*
T0

ax8AddV2ax7x*
T0

ax9AddV2ax8x*
T0

axaAddV2ax9x*
T0

axbAddV2axax*
T0

axcAddV2axbx*
T0

axdAddV2axcx*
T0

axeAddV2axdx*
T0

axfAddV2axex*
T0

axgAddV2axfx*
T0

axhAddV2axgx*
T0

axiAddV2axhx*
T0

axjAddV2axix*
T0

axkAddV2axjx*
T0

axlAddV2axkx*
T0

axmAddV2axlx*
T0

axnAddV2axmx*
T0

axoAddV2axnx*
T0

axpAddV2axox*
T0

axqAddV2axpx*
T0

axrAddV2axqx*
T0

axsAddV2axrx*
T0

axtAddV2axsx*
T0

axuAddV2axtx*
T0

axvAddV2axux*
T0

axwAddV2axvx*
T0

axxAddV2axwx*
T0

axyAddV2axxx*
T0

axzAddV2axyx*
T0

ay0AddV2axzx*
T0

ay1AddV2ay0x*
T0

ay2AddV2ay1x*
T0

ay3AddV2ay2x*
T0

ay4AddV2ay3x*
T0

ay5AddV2ay4x*
T0

ay6AddV2ay5x*
T0

ay7AddV2ay6x*
T0

ay8AddV2ay7x*
T0

ay9AddV2ay8x*
T0

ayaAddV2ay9x*
T0

aybAddV2ayax*
T0

aycAddV2aybx*
T0

aydAddV2aycx*
T0

ayeAddV2aydx*
T0

ayfAddV2ayex*
T0

aygAddV2ayfx*
T0

ayhAddV2aygx*
T0

ayiAddV2ayhx*
T0

ayjAddV2ayix*
T0

aykAddV2ayjx*
T0

aylAddV2aykx*
T0

aymAddV2aylx*
T0

aynAddV2aymx*
T0

ayoAddV2aynx*
T0

aypAddV2ayox*
T0

ayqAddV2aypx*
T0

ayrAddV2ayqx*
T0

aysAddV2ayrx*
T0

aytAddV2aysx*
T0

ayuAddV2aytx*
T0

ayvAddV2ayux*
T0

aywAddV2ayvx*
T0

ayxAddV2aywx*
T0

ayyAddV2ayxx*
T0

ayzAddV2ayyx*
T0

az0AddV2ayzx*
T0

az1AddV2az0x*
T0

az2AddV2az1x*
T0

az3AddV2az2x*
T0

az4AddV2az3x*
T0

az5AddV2az4x*
T0

az6AddV2az5x*
T0

az7AddV2az6x*
T0

az8AddV2az7x*
T0

az9AddV2az8x*
T0

azaAddV2az9x*
T0

azbAddV2azax*
T0

azcAddV2azbx*
T0

azdAddV2azcx*
T0

azeAddV2azdx*
T0

azfAddV2azex*
T0

azgAddV2azfx*
T0

azhAddV2azgx*
T0

aziAddV2azhx*
T0

azjAddV2azix*
T0

azkAddV2azjx*
T0

azlAddV2azkx*
T0

azmAddV2azlx*
T0

aznAddV2azmx*
T0

azoAddV2aznx*
T0

azpAddV2azox*
T0

azqAddV2azpx*
T0

azrAddV2azqx*
T0

azsAddV2azrx*
T0

aztAddV2azsx*
T0

azuAddV2aztx*
T0

azvAddV2azux*
T0

azwAddV2azvx*
T0

azxAddV2azwx*
T0

azyAddV2azxx*
T0

azzAddV2azyx*
T0

a100AddV2azzx*
T0

a101AddV2a100x*
T0

a102AddV2a101x*
T0

a103AddV2a102x*
T0

a104AddV2a103x*
T0

a105AddV2a104x*
T0

a106AddV2a105x*
T0

a107AddV2a106x*
T0

a108AddV2a107x*
T0

a109AddV2a108x*
T0

a10aAddV2a109x*
T0

a10bAddV2a10ax*
T0

a10cAddV2a10bx*
T0

a10dAddV2a10cx*
T0

a10eAddV2a10dx*
T0

a10fAddV2a10ex*
T0

a10gAddV2a10fx*
T0

a10hAddV2a10gx*
T0

a10iAddV2a10hx*
T0

a10jAddV2a10ix*
T0

a10kAddV2a10jx*
T0

a10lAddV2a10kx*
T0

a10mAddV2a10lx*
T0

a10nAddV2a10mx*
T0

a10oAddV2a10nx*
T0

a10pAddV2a10ox*
T0

a10qAddV2a10px*
T0

a10rAddV2a10qx*
T0

a10sAddV2a10rx*
T0

a10tAddV2a10sx*
T0

a10uAddV2a10tx*
T0

a10vAddV2a10ux*
T0

a10wAddV2a10vx*
T0

a10xAddV2a10wx*
T0

a10yAddV2a10xx*
T0

a10zAddV2a10yx*
T0

a110AddV2a10zx*
T0

a111AddV2a110x*
T0

a112AddV2a111x*
T0

a113AddV2a112x*
T0

a114AddV2a113x*
T0

a115AddV2a114x*
T0

a116AddV2a115x*
T0

a117AddV2a116x*
T0

a118AddV2a117x*
T0

a119AddV2a118x*
T0

a11aAddV2a119x*
T0

a11bAddV2a11ax*
T0

a11cAddV2a11bx*
T0

a11dAddV2a11cx*
T0

a11eAddV2a11dx*
T0

a11fAddV2a11ex*
T0

a11gAddV2a11fx*
T0

a11hAddV2a11gx*
T0

a11iAddV2a11hx*
T0

a11jAddV2a11ix*
T0

a11kAddV2a11jx*
T0

a11lAddV2a11kx*
T0

a11mAddV2a11lx*
T0

a11nAddV2a11mx*
T0

a11oAddV2a11nx*
T0

a11pAddV2a11ox*
T0

a11qAddV2a11px*
T0

a11rAddV2a11qx*
T0

a11sAddV2a11rx*
T0

a11tAddV2a11sx*
T0

a11uAddV2a11tx*
T0

a11vAddV2a11ux*
T0

a11wAddV2a11vx*
T0

a11xAddV2a11wx*
T0

a11yAddV2a11xx*
T0

a11zAddV2a11yx*
T0

a120AddV2a11zx*
T0

a121AddV2a120x*
T0

a122AddV2a121x*
T0

a123AddV2a122x*
T0

a124AddV2a123x*
T0

a125AddV2a124x*
T0

a126AddV2a125x*
T0

a127AddV2a126x*
T0

a128AddV2a127x*
T0

a129AddV2a128x*
T0

a12aAddV2a129x*
T0

a12bAddV2a12ax*
T0

a12cAddV2a12bx*
T0

a12dAddV2a12cx*
T0

a12eAddV2a12dx*
T0

a12fAddV2a12ex*
T0

a12gAddV2a12fx*
T0

a12hAddV2a12gx*
T0

a12iAddV2a12hx*
T0

a12jAddV2a12ix*
T0

a12kAddV2a12jx*
T0

a12lAddV2a12kx*
T0

a12mAddV2a12lx*
T0

a12nAddV2a12mx*
T0

a12oAddV2a12nx*
T0

a12pAddV2a12ox*
T0

a12qAddV2a12px*
T0

a12rAddV2a12qx*
T0

a12sAddV2a12rx*
T0

a12tAddV2a12sx*
T0

a12uAddV2a12tx*
T0

a12vAddV2a12ux*
T0

a12wAddV2a12vx*
T0

a12xAddV2a12wx*
T0

a12yAddV2a12xx*
T0

a12zAddV2a12yx*
T0

a130AddV2a12zx*
T0

a131AddV2a130x*
T0

a132AddV2a131x*
T0

a133AddV2a132x*
T0

a134AddV2a133x*
T0

a135AddV2a134x*
T0

a136AddV2a135x*
T0

a137AddV2a136x*
T0

a138AddV2a137x*
T0

a139AddV2a138x*
T0

a13aAddV2a139x*
T0

a13bAddV2a13ax*
T0

a13cAddV2a13bx*
T0

a13dAddV2a13cx*
T0

a13eAddV2a13dx*
T0

a13fAddV2a13ex*
T0

a13gAddV2a13fx*
T0

a13hAddV2a13gx*
T0

a13iAddV2a13hx*
T0

a13jAddV2a13ix*
T0

a13kAddV2a13jx*
T0

a13lAddV2a13kx*
T0

a13mAddV2a13lx*
T0

a13nAddV2a13mx*
T0

a13oAddV2a13nx*
T0

a13pAddV2a13ox*
T0

a13qAddV2a13px*
T0

a13rAddV2a13qx*
T0

a13sAddV2a13rx*
T0

a13tAddV2a13sx*
T0

a13uAddV2a13tx*
T0

a13vAddV2a13ux*
T0

a13wAddV2a13vx*
T0

a13xAddV2a13wx*
T0

a13yAddV2a13xx*
T0

a13zAddV2a13yx*
T0

a140AddV2a13zx*
T0

a141AddV2a140x*
T0

a142AddV2a141x*
T0

a143AddV2a142x*
T0

a144AddV2a143x*
T0

a145AddV2a144x*
T0

a146AddV2a145x*
T0

a147AddV2a146x*
T0

a148AddV2a147x*
T0

a149AddV2a148x*
T0

a14aAddV2a149x*
T0

a14bAddV2a14ax*
T0

a14cAddV2a14bx*
T0

a14dAddV2a14cx*
T0

a14eAddV2a14dx*
T0

a14fAddV2a14ex*
T0

a14gAddV2a14fx*
T0

a14hAddV2a14gx*
T0

a14iAddV2a14hx*
T0

a14jAddV2a14ix*
T0

a14kAddV2a14jx*
T0

a14lAddV2a14kx*
T0

a14mAddV2a14lx*
T0

a14nAddV2a14mx*
T0

a14oAddV2a14nx*
T0

a14pAddV2a14ox*
T0

a14qAddV2a14px*
T0

a14rAddV2a14qx*
T0

a14sAddV2a14rx*
T0

a14tAddV2a14sx*
T0

a14uAddV2a14tx*
T0

a14vAddV2a14ux*
T0

a14wAddV2a14vx*
T0

a14xAddV2a14wx*
T0

a14yAddV2a14xx*
T0

a14zAddV2a14yx*
T0

a150AddV2a14zx*
T0

a151AddV2a150x*
T0

a152AddV2a151x*
T0

a153AddV2a152x*
T0

a154AddV2a153x*
T0

a155AddV2a154x*
T0

a156AddV2a155x*
T0

a157AddV2a156x*
T0

a158AddV2a157x*
T0

a159AddV2a158x*
T0

a15aAddV2a159x*
T0

a15bAddV2a15ax*
T0

a15cAddV2a15bx*
T0

a15dAddV2a15cx*
T0

a15eAddV2a15dx*
T0

a15fAddV2a15ex*
T0

a15gAddV2a15fx*
T0

a15hAddV2a15gx*
T0

a15iAddV2a15hx*
T0

a15jAddV2a15ix*
T0

a15kAddV2a15jx*
T0

a15lAddV2a15kx*
T0

a15mAddV2a15lx*
T0

a15nAddV2a15mx*
T0