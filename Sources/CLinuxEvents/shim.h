#ifndef LENS_CLINUXEVENTS_SHIM_H
#define LENS_CLINUXEVENTS_SHIM_H
/* Linux event primitives the benchmark loop needs and Glibc's Swift module does not export:
   epoll (readiness of many sockets), timerfd (nanosecond-precision wake-ups, where epoll_wait's
   timeout has millisecond granularity), eventfd (waking the loop from another thread), and the
   timer-slack control (the kernel otherwise delays wake-ups by up to 50 µs to batch them). */
#include <sys/epoll.h>
#include <sys/eventfd.h>
#include <sys/timerfd.h>
#include <sys/prctl.h>
#include <sys/resource.h>

/* prctl is variadic, which Swift cannot call. */
static inline int lens_set_timer_slack_ns(unsigned long nanoseconds) {
    return prctl(PR_SET_TIMERSLACK, nanoseconds, 0, 0, 0);
}
#endif
