/* bench/spawn: run one command and print what it cost, as one line:
 *   "<exit status> <user µs> <sys µs> <max RSS KiB> <wall ns>"
 * The figures come from wait4(2) on the command itself (not on a shell or an interpreter).
 *
 * Why a C launcher: on exec, Linux records the *old* address space's peak RSS in the child's
 * ru_maxrss, and a child made by fork or vfork starts with its parent's. Spawned from Python,
 * every program would report Python's 20+ MB; spawned from this static launcher, the floor is
 * this launcher's own few hundred KiB, well under what is measured.
 *
 * Usage: spawn STDOUT_FILE STDERR_FILE PROGRAM [ARG...]   (the environment is passed on) */
#define _GNU_SOURCE
#include <fcntl.h>
#include <stdio.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

int main(int argc, char **argv) {
    if (argc < 4) {
        fprintf(stderr, "usage: spawn STDOUT_FILE STDERR_FILE PROGRAM [ARG...]\n");
        return 2;
    }
    int out = open(argv[1], O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
    int err = open(argv[2], O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
    int in = open("/dev/null", O_RDONLY | O_CLOEXEC);
    if (out < 0 || err < 0 || in < 0) {
        perror("spawn: open");
        return 2;
    }
    struct timespec t0, t1;
    clock_gettime(CLOCK_MONOTONIC, &t0);
    pid_t pid = vfork();
    if (pid < 0) {
        perror("spawn: vfork");
        return 2;
    }
    if (pid == 0) {
        dup2(in, 0);
        dup2(out, 1);
        dup2(err, 2);
        execv(argv[3], argv + 3);
        _exit(127);
    }
    int status;
    struct rusage ru;
    if (wait4(pid, &status, 0, &ru) != pid) {
        perror("spawn: wait4");
        return 2;
    }
    clock_gettime(CLOCK_MONOTONIC, &t1);
    long long wall = (t1.tv_sec - t0.tv_sec) * 1000000000LL + (t1.tv_nsec - t0.tv_nsec);
    int code = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
    printf("%d %lld %lld %ld %lld\n", code, (long long)ru.ru_utime.tv_sec * 1000000 + ru.ru_utime.tv_usec,
           (long long)ru.ru_stime.tv_sec * 1000000 + ru.ru_stime.tv_usec, ru.ru_maxrss, wall);
    return 0;
}
