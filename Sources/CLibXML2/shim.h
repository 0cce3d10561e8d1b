#include <libxml/xmlversion.h>
/* Debian's libxml2 is built with ICU, so its encoding header pulls in the
 * system's <unicode/ucnv.h>. Those ICU types clash with Foundation's own copy
 * (_FoundationICU: "UErrorCode has different definitions") in any module that
 * sees both. profconv never touches libxml2's ICU converters, so hide them. */
#undef LIBXML_ICU_ENABLED
#include <libxml/xmlwriter.h>
#include <libxml/xmlreader.h>
#include <libxml/parser.h>
#include <libxml/tree.h>

/* libxml2's xmlFree is a global function-pointer variable, which Swift 6
 * cannot call without calling it shared mutable state; this reads it once per
 * call, from C, as libxml2's own callers do. */
static inline void profconv_xmlFree(void *p) { xmlFree(p); }
