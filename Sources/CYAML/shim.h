#ifndef LENS_CYAML_SHIM_H
#define LENS_CYAML_SHIM_H
#include <yaml.h>
#endif
