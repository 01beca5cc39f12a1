#ifndef HUB_CIMAGECODECS_SHIM_H
#define HUB_CIMAGECODECS_SHIM_H
#include <turbojpeg.h>
#include <png.h>
#include <zlib.h>

/// PNG_IMAGE_SIZE is a macro; Swift cannot call it.
static inline size_t hub_png_image_size(const png_image *image) { return PNG_IMAGE_SIZE(*image); }
/// PNG_IMAGE_FAILED is a macro over the opaque pointer and warning flags.
static inline int hub_png_image_failed(const png_image *image) { return PNG_IMAGE_FAILED(*image); }
/// PNG_FORMAT_RGBA is a macro built from flag macros, which Swift does not import.
static inline png_uint_32 hub_png_format_rgba(void) { return PNG_FORMAT_RGBA; }
#endif
