#ifndef LENS_CLIBXML2_SHIM_H
#define LENS_CLIBXML2_SHIM_H
/* Debian's libxml2 is built with ICU; its <unicode/*.h> clashes with Foundation's bundled ICU
   module. Nothing here needs ICU, so switch it off before the headers that would pull it in. */
#include <libxml/xmlversion.h>
#undef LIBXML_ICU_ENABLED
#include <libxml/xmlwriter.h>
#include <libxml/xmlstring.h>
#endif
