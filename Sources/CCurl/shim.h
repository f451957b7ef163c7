#ifndef LENS_CCURL_SHIM_H
#define LENS_CCURL_SHIM_H
#include <curl/curl.h>

/* curl_easy_setopt, curl_easy_getinfo and curl_multi_setopt are variadic, which Swift
   cannot call; these typed wrappers give one entry point per argument kind. */

static inline CURLcode lens_easy_setopt_long(CURL *handle, CURLoption option, long value) {
    return curl_easy_setopt(handle, option, value);
}
static inline CURLcode lens_easy_setopt_pointer(CURL *handle, CURLoption option, void *value) {
    return curl_easy_setopt(handle, option, value);
}
static inline CURLcode lens_easy_setopt_string(CURL *handle, CURLoption option, const char *value) {
    return curl_easy_setopt(handle, option, value);
}
static inline CURLcode lens_easy_setopt_off_t(CURL *handle, CURLoption option, curl_off_t value) {
    return curl_easy_setopt(handle, option, value);
}
typedef size_t (*lens_curl_data_callback)(char *data, size_t size, size_t count, void *context);
static inline CURLcode lens_easy_setopt_data_callback(CURL *handle, CURLoption option, lens_curl_data_callback value) {
    return curl_easy_setopt(handle, option, value);
}
static inline CURLcode lens_easy_getinfo_long(CURL *handle, CURLINFO info, long *value) {
    return curl_easy_getinfo(handle, info, value);
}
static inline CURLcode lens_easy_getinfo_off_t(CURL *handle, CURLINFO info, curl_off_t *value) {
    return curl_easy_getinfo(handle, info, value);
}
static inline CURLcode lens_easy_getinfo_pointer(CURL *handle, CURLINFO info, void **value) {
    return curl_easy_getinfo(handle, info, value);
}
static inline CURLcode lens_easy_getinfo_double(CURL *handle, CURLINFO info, double *value) {
    return curl_easy_getinfo(handle, info, value);
}
static inline CURLMcode lens_multi_setopt_long(CURLM *handle, CURLMoption option, long value) {
    return curl_multi_setopt(handle, option, value);
}
static inline CURLMcode lens_multi_setopt_pointer(CURLM *handle, CURLMoption option, void *value) {
    return curl_multi_setopt(handle, option, value);
}
/* The multi-socket API: curl tells which sockets to watch and when to call it back. */
typedef int (*lens_curl_socket_callback)(CURL *easy, curl_socket_t socket, int what, void *context, void *socket_context);
static inline CURLMcode lens_multi_setopt_socket_callback(CURLM *handle, lens_curl_socket_callback value) {
    return curl_multi_setopt(handle, CURLMOPT_SOCKETFUNCTION, value);
}
typedef int (*lens_curl_timer_callback)(CURLM *multi, long timeout_ms, void *context);
static inline CURLMcode lens_multi_setopt_timer_callback(CURLM *handle, lens_curl_timer_callback value) {
    return curl_multi_setopt(handle, CURLMOPT_TIMERFUNCTION, value);
}
#endif
