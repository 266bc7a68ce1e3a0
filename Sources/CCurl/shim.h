// CCurl: libcurl for Swift.
//
// Why this shim exists: curl_easy_setopt, curl_easy_getinfo and curl_multi_setopt are variadic C
// functions, which Swift cannot call. Each wrapper below fixes one argument type, so Swift sees a
// typed function. CURL_STRICTER makes CURL* and CURLM* distinct opaque types in Swift.
#ifndef QUOTEWATCH_CCURL_SHIM_H
#define QUOTEWATCH_CCURL_SHIM_H

#define CURL_STRICTER 1
#include <curl/curl.h>

static inline CURLcode qw_curl_easy_setopt_long(CURL *_Nonnull h, CURLoption o, long v) {
    return curl_easy_setopt(h, o, v);
}
static inline CURLcode qw_curl_easy_setopt_off_t(CURL *_Nonnull h, CURLoption o, curl_off_t v) {
    return curl_easy_setopt(h, o, v);
}
static inline CURLcode qw_curl_easy_setopt_string(CURL *_Nonnull h, CURLoption o, const char *_Nullable v) {
    return curl_easy_setopt(h, o, v);
}
static inline CURLcode qw_curl_easy_setopt_pointer(CURL *_Nonnull h, CURLoption o, void *_Nullable v) {
    return curl_easy_setopt(h, o, v);
}
static inline CURLcode qw_curl_easy_setopt_slist(CURL *_Nonnull h, CURLoption o, struct curl_slist *_Nullable v) {
    return curl_easy_setopt(h, o, v);
}
typedef size_t (*qw_curl_data_callback)(char *_Nonnull, size_t, size_t, void *_Nullable);
static inline CURLcode qw_curl_easy_setopt_datafn(CURL *_Nonnull h, CURLoption o, qw_curl_data_callback _Nullable v) {
    return curl_easy_setopt(h, o, v);
}
typedef int (*qw_curl_xferinfo_callback)(void *_Nullable, curl_off_t, curl_off_t, curl_off_t, curl_off_t);
static inline CURLcode qw_curl_easy_setopt_xferinfofn(CURL *_Nonnull h, CURLoption o, qw_curl_xferinfo_callback _Nullable v) {
    return curl_easy_setopt(h, o, v);
}
static inline CURLcode qw_curl_easy_getinfo_long(CURL *_Nonnull h, CURLINFO i, long *_Nonnull v) {
    return curl_easy_getinfo(h, i, v);
}
static inline CURLcode qw_curl_easy_getinfo_off_t(CURL *_Nonnull h, CURLINFO i, curl_off_t *_Nonnull v) {
    return curl_easy_getinfo(h, i, v);
}
static inline CURLcode qw_curl_easy_getinfo_string(CURL *_Nonnull h, CURLINFO i, char *_Nullable *_Nonnull v) {
    return curl_easy_getinfo(h, i, v);
}
static inline CURLcode qw_curl_easy_getinfo_pointer(CURL *_Nonnull h, CURLINFO i, void *_Nullable *_Nonnull v) {
    return curl_easy_getinfo(h, i, v);
}
static inline CURLMcode qw_curl_multi_setopt_long(CURLM *_Nonnull m, CURLMoption o, long v) {
    return curl_multi_setopt(m, o, v);
}
#endif
