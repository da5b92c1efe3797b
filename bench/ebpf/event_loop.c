/* The memory and file tracers' events, N times, timed per event.
 * usage: event_loop MODE [N]   (MODE: open, read, fault, mmap; default N 200,000)
 *
 *   open   open(2) + close(2) of a file of its own (O_RDONLY): one open event;
 *   read   pread(2) of 64 bytes at offset 0 of a regular file of its own (page cache):
 *          one read call on a regular file;
 *   fault  a fresh anonymous page written once (N pages of a mapping made before the
 *          timing, transparent huge pages off): one minor fault;
 *   mmap   mmap(2) of one anonymous page, then munmap(2): one mmap call.
 *
 * Prints one JSON line, as ../shared/bench/syscall_loop.c does; the timing uses
 * clock_gettime (vDSO, no syscall). The file is made in the current directory and removed. */
#define _GNU_SOURCE
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <time.h>
#include <unistd.h>

#define PAGE 4096

int main(int argc, char **argv) {
    const char *mode = argc > 1 ? argv[1] : "open";
    long n = argc > 2 ? atol(argv[2]) : 200000L;
    char path[64], buf[64];
    struct timespec a, b;
    long acc = 0;
    char *pages = NULL;
    int fd = -1;

    snprintf(path, sizeof(path), "event_loop.%d.tmp", (int)getpid());
    if (!strcmp(mode, "open") || !strcmp(mode, "read")) {
        fd = open(path, O_CREAT | O_RDWR | O_TRUNC, 0600);
        if (fd < 0 || write(fd, "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef", 64) != 64)
            return 2;
    } else if (!strcmp(mode, "fault")) {
        pages = mmap(NULL, (size_t)n * PAGE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
        if (pages == MAP_FAILED)
            return 2;
        madvise(pages, (size_t)n * PAGE, MADV_NOHUGEPAGE);
    } else if (strcmp(mode, "mmap")) {
        fprintf(stderr, "unknown mode %s\n", mode);
        return 2;
    }
    clock_gettime(CLOCK_MONOTONIC, &a);
    if (!strcmp(mode, "open")) {
        for (long i = 0; i < n; i++) {
            int f = open(path, O_RDONLY);
            acc += f;
            close(f);
        }
    } else if (!strcmp(mode, "read")) {
        for (long i = 0; i < n; i++)
            acc += pread(fd, buf, sizeof(buf), 0);
    } else if (!strcmp(mode, "fault")) {
        for (long i = 0; i < n; i++)
            pages[i * PAGE] = 1;
    } else {
        for (long i = 0; i < n; i++) {
            void *p = mmap(NULL, PAGE, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
            acc += p != MAP_FAILED;
            munmap(p, PAGE);
        }
    }
    clock_gettime(CLOCK_MONOTONIC, &b);
    if (fd >= 0) {
        close(fd);
        unlink(path);
    }
    if (pages)
        munmap(pages, (size_t)n * PAGE);
    double s = (double)(b.tv_sec - a.tv_sec) + (double)(b.tv_nsec - a.tv_nsec) / 1e9;
    printf("{\"mode\":\"%s\",\"n\":%ld,\"inner_s\":%.6f,\"ns_per_call\":%.1f,\"acc\":%ld}\n", mode, n, s,
           s * 1e9 / (double)n, acc);
    return 0;
}
