/* The M/M/c model (c = 10, lambda = 9/min, mu = 1/min, 1,000,000 cases) as a minimal
 * C event loop: a binary heap of (time, sequence) events, a FIFO ring of waiting
 * arrival times, xoshiro256++ uniforms and inversion for exponentials. It collects
 * only the mean wait; it is the floor against which hallsim's kernel is compared.
 * Build: gcc -O2 -o mmc mmc.c -lm   Run: ./mmc [cases] [seed] */
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

typedef struct { double t; uint64_t seq; int kind; } Event; /* kind 0: arrival, 1: departure */

static Event *heap; static size_t hn, hcap; static uint64_t seqno;
static int before(const Event *a, const Event *b) { return a->t < b->t || (a->t == b->t && a->seq < b->seq); }
static void push(double t, int kind) {
    if (hn == hcap) { hcap = hcap ? hcap * 2 : 64; heap = realloc(heap, hcap * sizeof(Event)); }
    Event e = { t, seqno++, kind }; size_t i = hn++;
    while (i > 0) { size_t p = (i - 1) / 2; if (!before(&e, &heap[p])) break; heap[i] = heap[p]; i = p; }
    heap[i] = e;
}
static Event pop(void) {
    Event top = heap[0], last = heap[--hn]; size_t i = 0;
    for (;;) {
        size_t l = 2 * i + 1, r = l + 1, m = i; const Event *best = &last;
        if (l < hn && before(&heap[l], best)) { m = l; best = &heap[l]; }
        if (r < hn && before(&heap[r], best)) { m = r; }
        if (m == i) break;
        heap[i] = heap[m]; i = m;
    }
    heap[i] = last; return top;
}

static uint64_t s[4];
static inline uint64_t rotl(uint64_t x, int k) { return (x << k) | (x >> (64 - k)); }
static inline uint64_t next(void) {
    uint64_t r = rotl(s[0] + s[3], 23) + s[0], t = s[1] << 17;
    s[2] ^= s[0]; s[3] ^= s[1]; s[1] ^= s[2]; s[0] ^= s[3]; s[2] ^= t; s[3] = rotl(s[3], 45);
    return r;
}
static inline double expo(double mean) { return -mean * log(((next() >> 11) + 0.5) * 0x1.0p-53); }

int main(int argc, char **argv) {
    long cases = argc > 1 ? atol(argv[1]) : 1000000; uint64_t seed = argc > 2 ? strtoull(argv[2], 0, 10) : 1;
    for (int i = 0; i < 4; i++) { seed += 0x9E3779B97F4A7C15ULL; uint64_t z = seed; z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL; z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL; s[i] = z ^ (z >> 31); }
    const int c = 10; const double lambda = 9.0 / 60, mean = 60;
    size_t qcap = 1024, qh = 0, qn = 0; double *q = malloc(qcap * sizeof(double));
    int busy = 0; long arrived = 0, done = 0; double waitsum = 0;
    struct timespec a, b; clock_gettime(CLOCK_MONOTONIC, &a);
    push(expo(1 / lambda), 0);
    while (done < cases) {
        Event e = pop();
        if (e.kind == 0) {
            arrived++;
            if (busy < c) { busy++; push(e.t + expo(mean), 1); }
            else {
                if (qn == qcap) { double *n = malloc(2 * qcap * sizeof(double)); for (size_t i = 0; i < qn; i++) n[i] = q[(qh + i) % qcap]; free(q); q = n; qh = 0; qcap *= 2; }
                q[(qh + qn++) % qcap] = e.t;
            }
            if (arrived < cases) push(e.t + expo(1 / lambda), 0);
        } else {
            done++;
            if (qn > 0) { double t0 = q[qh]; qh = (qh + 1) % qcap; qn--; waitsum += e.t - t0; push(e.t + expo(mean), 1); }
            else busy--;
        }
    }
    clock_gettime(CLOCK_MONOTONIC, &b);
    double wall = (b.tv_sec - a.tv_sec) + (b.tv_nsec - a.tv_nsec) * 1e-9;
    printf("{\"cases\": %ld, \"mean_wait_s\": %.3f, \"wall_s\": %.4f, \"cases_per_s\": %.0f}\n", done, waitsum / done, wall, done / wall);
    return 0;
}
