/*
 * test/unit/test_options.c — cli/options.c: QEMU spellings, defaults, sizes, and the
 * exact one-line error messages.
 */
#include <fcntl.h>
#include <string.h>
#include <unistd.h>

#include "cli/options.h"
#include "test.h"

#define MiB (1ull << 20)
#define GiB (1ull << 30)

static MachineConfig cfg;
static char err[256];

/* Parse a NULL-terminated list of arguments (argv[0] is added).  Output that --help and
 * friends print to stdout is discarded. */
static OptionsResult parse_v(const char *const *args)
{
    char *argv[64];
    int argc = 0;
    argv[argc++] = (char *)"qemu-wasm";
    while (*args && argc < 63) {
        argv[argc++] = (char *)*args++;
    }
    argv[argc] = NULL;
    fflush(stdout);
    int saved = dup(1);
    int null = open("/dev/null", O_WRONLY);
    dup2(null, 1);
    close(null);
    OptionsResult r = options_parse(argc, argv, &cfg, err, sizeof(err));
    fflush(stdout);
    dup2(saved, 1);
    close(saved);
    return r;
}

#define PARSE(...) parse_v((const char *const[]){__VA_ARGS__, NULL})

/* Expect OPTIONS_ERROR with exactly this message. */
static bool error_is(OptionsResult r, const char *want)
{
    if (r != OPTIONS_ERROR || strcmp(err, want) != 0) {
        fprintf(stderr, "  expected error \"%s\", got %d \"%s\"\n", want, (int)r, err);
        return false;
    }
    return true;
}

TEST(defaults)
{
    CHECK(parse_v((const char *const[]){NULL}) == OPTIONS_OK);
    CHECK(strcmp(cfg.machine, "virt") == 0);
    CHECK(cfg.machine_opts == NULL);
    CHECK(cfg.cpu == NULL);
    CHECK_EQ_U64(cfg.ram_size, 128 * MiB);
    CHECK_EQ_U64(cfg.smp, 1);
    CHECK(cfg.kernel == NULL && cfg.initrd == NULL && cfg.append == NULL);
    CHECK(cfg.bios == NULL && cfg.dtb == NULL && cfg.logfile == NULL);
    CHECK(!cfg.nographic && !cfg.no_reboot);
    /* serial0 on mon:stdio by default */
    CHECK(cfg.nserial == 1 && cfg.serial[0] == 0 && cfg.nchardevs == 1);
    CHECK(cfg.chardevs[0].backend == CHARDEV_STDIO && strcmp(cfg.chardevs[0].id, "serial0") == 0);
    CHECK(cfg.jit);
    CHECK_EQ_U64(cfg.jit_threshold, CONFIG_DEFAULT_JIT_THRESHOLD);
    CHECK_EQ_U64(cfg.jit_cache, CONFIG_DEFAULT_JIT_CACHE_MB);
    CHECK(!cfg.thread_multi);
    CHECK(!cfg.log_unimp && !cfg.log_guest_errors && !cfg.log_int && !cfg.log_exec &&
          !cfg.log_jit);
    CHECK(err[0] == '\0');
}

TEST(typical_command_line)
{
    CHECK(PARSE("-M", "virt", "-bios", "none", "-kernel", "prog.elf", "-nographic", "-m",
                "512M", "-smp", "1", "-append", "console=ttyS0 quiet", "-initrd", "rd.gz",
                "-dtb", "x.dtb", "-serial", "mon:stdio", "-monitor", "none", "-no-reboot",
                "-display", "none", "-D", "log.txt", "-d", "unimp,guest_errors") == OPTIONS_OK);
    CHECK(strcmp(cfg.machine, "virt") == 0);
    CHECK(strcmp(cfg.bios, "none") == 0);
    CHECK(strcmp(cfg.kernel, "prog.elf") == 0);
    CHECK(strcmp(cfg.append, "console=ttyS0 quiet") == 0);
    CHECK(strcmp(cfg.initrd, "rd.gz") == 0);
    CHECK(strcmp(cfg.dtb, "x.dtb") == 0);
    CHECK(strcmp(cfg.logfile, "log.txt") == 0);
    CHECK(cfg.nserial == 1 && cfg.chardevs[cfg.serial[0]].backend == CHARDEV_STDIO);
    CHECK(cfg.nographic && cfg.no_reboot);
    CHECK_EQ_U64(cfg.ram_size, 512 * MiB);
    CHECK(cfg.log_unimp && cfg.log_guest_errors && !cfg.log_int);
}

TEST(double_dash_spellings)
{
    CHECK(PARSE("--machine", "virt", "--kernel", "k", "--nographic", "--m", "64") ==
          OPTIONS_OK);
    CHECK(strcmp(cfg.kernel, "k") == 0 && cfg.nographic);
    CHECK_EQ_U64(cfg.ram_size, 64 * MiB);
    CHECK(PARSE("--version") == OPTIONS_EXIT_SUCCESS);
    CHECK(PARSE("-version") == OPTIONS_EXIT_SUCCESS);
    CHECK(PARSE("--help") == OPTIONS_EXIT_SUCCESS);
    CHECK(PARSE("-h") == OPTIONS_EXIT_SUCCESS);
    CHECK(PARSE("-help") == OPTIONS_EXIT_SUCCESS);
}

TEST(invalid_option_and_missing_argument)
{
    CHECK(error_is(PARSE("-foo"), "-foo: invalid option"));
    CHECK(error_is(PARSE("--foo"), "--foo: invalid option"));
    CHECK(error_is(PARSE("-"), "-: a bare disk image is not supported (use -drive "
                   "file=-,format=raw,if=virtio)"));
    CHECK(error_is(PARSE("disk.img"), "disk.img: a bare disk image is not supported (use "
                   "-drive file=disk.img,format=raw,if=virtio)"));
    CHECK(error_is(PARSE("-m"), "-m: requires an argument"));
    CHECK(error_is(PARSE("-kernel"), "-kernel: requires an argument"));
    CHECK(error_is(PARSE("-nographic", "-machine"), "-machine: requires an argument"));
}

TEST(machine)
{
    CHECK(PARSE("-machine", "help") == OPTIONS_EXIT_SUCCESS);
    CHECK(PARSE("-M", "?") == OPTIONS_EXIT_SUCCESS);
    CHECK(PARSE("-M", "virt,dumpdtb=x.dtb,aclint=on") == OPTIONS_OK);
    CHECK(strcmp(cfg.machine, "virt") == 0);
    CHECK(strcmp(cfg.machine_opts, "dumpdtb=x.dtb,aclint=on") == 0);
    CHECK(PARSE("-machine", "type=virt,aia=none") == OPTIONS_OK);
    CHECK(strcmp(cfg.machine, "virt") == 0 && strcmp(cfg.machine_opts, "aia=none") == 0);
    CHECK(PARSE("-machine", "accel=tcg") == OPTIONS_OK);
    CHECK(strcmp(cfg.machine, "virt") == 0 && strcmp(cfg.machine_opts, "accel=tcg") == 0);
    CHECK(PARSE("-M", "virt,") == OPTIONS_OK);
    CHECK(cfg.machine_opts == NULL);
    CHECK(error_is(PARSE("-M", "foo"), "unsupported machine type: \"foo\" (use -machine help "
                                       "to list supported machines)"));
    CHECK(error_is(PARSE("-M", "virtual,x=y"), "unsupported machine type: \"virtual\" (use "
                                               "-machine help to list supported machines)"));
    CHECK(error_is(PARSE("-M", ""), "unsupported machine type: \"\" (use -machine help to "
                                    "list supported machines)"));
}

TEST(memory_sizes)
{
    static const struct {
        const char *arg;
        uint64_t bytes;
    } ok[] = {
        {"256", 256 * MiB},       {"256M", 256 * MiB},     {"256m", 256 * MiB},
        {"1G", GiB},              {"1g", GiB},             {"1.5G", GiB + 512 * MiB},
        {"2G", 2 * GiB},          {"65536K", 64 * MiB},    {"65536k", 64 * MiB},
        {"size=96M", 96 * MiB},   {"0.5M", 512 * 1024},    {"", 128 * MiB},     {"1048576B", MiB},
        {"0", 128 * MiB},         {"1", MiB},              {"100B", 8192},
        {"0x10", 16 * MiB},       {"10000K", 10240000},    {"1.25M", 1310720},
    };
    for (size_t i = 0; i < sizeof(ok) / sizeof(ok[0]); i++) {
        OptionsResult r = PARSE("-m", ok[i].arg);
        if (r != OPTIONS_OK || cfg.ram_size != ok[i].bytes) {
            fprintf(stderr, "  -m %s: %d '%s' %llu\n", ok[i].arg, (int)r, err,
                    (unsigned long long)cfg.ram_size);
            test_cur_failed = 1;
        }
    }
    static const char *const bad[] = {"abc", "512MB", "1e3", "-5", "0.5", "M", "1.5B", "12X",
                                      "18446744073709551616", "99999999999999T", "1.",
                                      ".", "0x", "size="};
    for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
        char want[128];
        snprintf(want, sizeof(want),
                 "-m %s: Parameter 'size' expects a non-negative number below 2^64", bad[i]);
        OptionsResult r = PARSE("-m", bad[i]);
        if (strcmp(bad[i], "1.") == 0) {
            CHECK(r == OPTIONS_OK); /* "1." is 1 MiB, as strtod would read it */
            continue;
        }
        CHECK(error_is(r, want));
    }
    CHECK(error_is(PARSE("-m", "9T"), "-m 9T: ram size too large (at most 1T)"));
    CHECK(error_is(PARSE("-m", "1025G"), "-m 1025G: ram size too large (at most 1T)"));
    CHECK(PARSE("-m", "1T") == OPTIONS_OK);
    CHECK(error_is(PARSE("-m", "256M,slots=2"),
                   "-m 256M,slots=2: memory hotplug (slots, maxmem) is not supported"));
    CHECK(error_is(PARSE("-m", "256M,foo=1"), "-m 256M,foo=1: Invalid parameter 'foo'"));
    CHECK(error_is(PARSE("-m", "slots=1"),
                   "-m slots=1: memory hotplug (slots, maxmem) is not supported"));
}

TEST(smp)
{
    CHECK(PARSE("-smp", "4") == OPTIONS_OK);
    CHECK_EQ_U64(cfg.smp, 4);
    CHECK(cfg.thread_multi); /* multi-threaded TCG by default with -smp > 1 */
    CHECK(PARSE("-smp", "cpus=2") == OPTIONS_OK);
    CHECK_EQ_U64(cfg.smp, 2);
    CHECK(PARSE("-smp", "2,sockets=1,cores=2,threads=1") == OPTIONS_OK);
    CHECK_EQ_U64(cfg.smp, 2);
    CHECK(PARSE("-smp", "sockets=2,cores=2") == OPTIONS_OK);
    CHECK_EQ_U64(cfg.smp, 4);
    CHECK(PARSE("-smp", "64") == OPTIONS_OK);
    CHECK(PARSE("-smp", "2", "-accel", "tcg,thread=single") == OPTIONS_OK);
    CHECK(!cfg.thread_multi);
    CHECK(PARSE("-accel", "tcg,thread=multi") == OPTIONS_OK);
    CHECK(cfg.thread_multi && cfg.smp == 1);
    CHECK(error_is(PARSE("-smp", "foo"), "-smp foo: Parameter 'smp.cpus' expects integer"));
    CHECK(error_is(PARSE("-smp", "2,cores=x"),
                   "-smp 2,cores=x: Parameter 'smp.cores' expects integer"));
    CHECK(error_is(PARSE("-smp", "0"),
                   "-smp 0: CPU topology parameters must be greater than zero"));
    CHECK(error_is(PARSE("-smp", "-1"), "-smp -1: Parameter 'smp.cpus' expects integer"));
    CHECK(error_is(PARSE("-smp", "65"),
                   "Invalid SMP CPUs 65. The max CPUs supported by machine 'virt' is 64"));
    CHECK(error_is(PARSE("-smp", "2,bogus=1"), "-smp 2,bogus=1: Invalid parameter 'bogus'"));
    CHECK(error_is(PARSE("-smp", "4,maxcpus=2"),
                   "-smp 4,maxcpus=2: maxcpus must be equal to or greater than smp"));
}

TEST(accel)
{
    CHECK(PARSE("-accel", "tcg") == OPTIONS_OK);
    CHECK(cfg.jit);
    CHECK(PARSE("-accel", "tcg,jit=off") == OPTIONS_OK);
    CHECK(!cfg.jit);
    CHECK(PARSE("-accel", "tcg,jit=on,jit-threshold=0,jit-cache=16") == OPTIONS_OK);
    CHECK(cfg.jit);
    CHECK_EQ_U64(cfg.jit_threshold, 0);
    CHECK_EQ_U64(cfg.jit_cache, 16);
    CHECK(PARSE("-accel", "accel=tcg") == OPTIONS_OK);
    CHECK(PARSE("-accel", "help") == OPTIONS_EXIT_SUCCESS);
    CHECK(error_is(PARSE("-accel", "kvm"), "-accel kvm: invalid accelerator kvm"));
    CHECK(error_is(PARSE("-accel", "tcg,jit=maybe"),
                   "-accel tcg,jit=maybe: Parameter 'jit' expects 'on' or 'off'"));
    CHECK(error_is(PARSE("-accel", "tcg,jit-threshold=-1"),
                   "-accel tcg,jit-threshold=-1: Parameter 'jit-threshold' expects integer"));
    CHECK(error_is(PARSE("-accel", "tcg,thread=many"),
                   "-accel tcg,thread=many: Invalid 'thread' setting many"));
    CHECK(error_is(PARSE("-accel", "tcg,foo=1"),
                   "-accel tcg,foo=1: Property 'tcg-accel.foo' not found"));
    CHECK(error_is(PARSE("-accel", ""), "-accel : Parameter 'accel' is missing"));
    CHECK(error_is(PARSE("-accel", "jit=on"), "-accel jit=on: Parameter 'accel' is missing"));
}

TEST(cpu)
{
    CHECK(PARSE("-cpu", "help") == OPTIONS_EXIT_SUCCESS);
    CHECK(PARSE("-cpu", "rv64") == OPTIONS_OK);
    CHECK(strcmp(cfg.cpu, "rv64") == 0 && cfg.cpu_opts == NULL);
    CHECK(PARSE("-cpu", "rv64,v=true,vlen=128") == OPTIONS_OK);
    CHECK(strcmp(cfg.cpu, "rv64") == 0 && strcmp(cfg.cpu_opts, "v=true,vlen=128") == 0);
    CHECK(error_is(PARSE("-cpu", "cortex-a57"), "unable to find CPU model 'cortex-a57'"));
    CHECK(error_is(PARSE("-cpu", "rv64x,a=b"), "unable to find CPU model 'rv64x'"));
}

TEST(log_items)
{
    CHECK(PARSE("-d", "help") == OPTIONS_EXIT_SUCCESS);
    CHECK(PARSE("-d", "int,exec,jit", "-d", "unimp") == OPTIONS_OK);
    CHECK(cfg.log_int && cfg.log_exec && cfg.log_jit && cfg.log_unimp && !cfg.log_guest_errors);
    CHECK(error_is(PARSE("-d", "int,bogus"),
                   "-d int,bogus: unknown log item 'bogus' (use -d help for a list)"));
    CHECK(error_is(PARSE("-d", "int=1"),
                   "-d int=1: unknown log item 'int=1' (use -d help for a list)"));
}

TEST(console_options)
{
    CHECK(PARSE("-serial", "stdio") == OPTIONS_OK);
    CHECK(cfg.nserial == 1 && cfg.chardevs[cfg.serial[0]].backend == CHARDEV_STDIO);
    CHECK(PARSE("-serial", "none") == OPTIONS_OK);
    CHECK(cfg.nserial == 1 && cfg.serial[0] == -1 && cfg.nchardevs == 0);
    CHECK(PARSE("-serial", "null") == OPTIONS_OK);
    CHECK(cfg.nserial == 1 && cfg.chardevs[cfg.serial[0]].backend == CHARDEV_NULL);
    CHECK(error_is(PARSE("-serial", "pty"), "-serial pty: 'pty' is not a valid char driver "
                                            "(qemu-wasm supports mon:stdio, stdio, none, null, "
                                            "file:PATH, chardev:ID)"));
    /* several -serial, file:, -chardev and chardev:ID (in either order) */
    CHECK(PARSE("-serial", "null", "-serial", "file:out,x.log", "-serial", "chardev:c1",
                "-serial", "none", "-chardev", "file,id=c1,path=a,,b,append=on") == OPTIONS_OK);
    CHECK(cfg.nserial == 4 && cfg.nchardevs == 3);
    CHECK(cfg.chardevs[cfg.serial[0]].backend == CHARDEV_NULL);
    CHECK(strcmp(cfg.chardevs[cfg.serial[0]].id, "serial0") == 0);
    CHECK(cfg.chardevs[cfg.serial[1]].backend == CHARDEV_FILE);
    CHECK(strcmp(cfg.chardevs[cfg.serial[1]].path, "out,x.log") == 0);
    CHECK(!cfg.chardevs[cfg.serial[1]].append);
    CHECK(strcmp(cfg.chardevs[cfg.serial[2]].id, "c1") == 0);
    CHECK(strcmp(cfg.chardevs[cfg.serial[2]].path, "a,b") == 0);
    CHECK(cfg.chardevs[cfg.serial[2]].append);
    CHECK(cfg.serial[3] == -1);
    CHECK(PARSE("-chardev", "stdio,id=con,signal=off,mux=on", "-serial", "chardev:con") ==
          OPTIONS_OK);
    CHECK(cfg.nserial == 1 && cfg.chardevs[cfg.serial[0]].backend == CHARDEV_STDIO);
    CHECK(PARSE("-nographic", "-serial", "mon:stdio") == OPTIONS_OK);
    CHECK(cfg.nchardevs == 1 && cfg.chardevs[0].backend == CHARDEV_STDIO);
    /* QEMU 7.2's messages */
    CHECK(error_is(PARSE("-serial", "chardev:x"),
                   "-serial chardev:x: could not connect serial device to character backend "
                   "'chardev:x'"));
    CHECK(error_is(PARSE("-chardev", "null,id=a", "-chardev", "stdio,id=a"),
                   "-chardev stdio,id=a: Duplicate ID 'a' for chardev"));
    CHECK(error_is(PARSE("-chardev", "null,id=serial0", "-serial", "null"),
                   "-serial null: Duplicate ID 'serial0' for chardev"));
    CHECK(error_is(PARSE("-chardev", "foo,id=a"),
                   "-chardev foo,id=a: 'foo' is not a valid char driver name"));
    CHECK(error_is(PARSE("-chardev", "null"), "-chardev null: chardev: no id specified"));
    CHECK(error_is(PARSE("-chardev", "id=a"), "-chardev id=a: chardev: \"a\" missing backend"));
    CHECK(error_is(PARSE("-chardev", "file,id=f"),
                   "-chardev file,id=f: chardev: file: no filename given"));
    CHECK(error_is(PARSE("-chardev", "null,id=1a"),
                   "-chardev null,id=1a: Parameter 'id' expects an identifier"));
    CHECK(error_is(PARSE("-chardev", "null,id=a,bogus=1"),
                   "-chardev null,id=a,bogus=1: Invalid parameter 'bogus'"));
    CHECK(error_is(PARSE("-chardev", "stdio,id=a,signal=maybe"),
                   "-chardev stdio,id=a,signal=maybe: Parameter 'signal' expects 'on' or 'off'"));
    CHECK(error_is(PARSE("-chardev", "stdio,id=a", "-serial", "chardev:a", "-serial", "stdio"),
                   "-serial stdio: cannot use stdio by multiple character devices"));
    CHECK(error_is(PARSE("-serial", "stdio", "-serial", "mon:stdio"),
                   "-serial mon:stdio: cannot use stdio by multiple character devices"));
    CHECK(error_is(PARSE("-nographic", "-chardev", "stdio,id=a"),
                   "cannot use stdio by multiple character devices"));
    CHECK(error_is(PARSE("-nographic", "-chardev", "null,id=serial0"),
                   "Duplicate ID 'serial0' for chardev"));
    /* QEMU creates every -chardev before any -serial backend: their errors come first */
    CHECK(error_is(PARSE("-serial", "foo", "-chardev", "bar,id=x"),
                   "-chardev bar,id=x: 'bar' is not a valid char driver name"));
    CHECK(error_is(PARSE("-serial", "stdio", "-chardev", "stdio,id=a"),
                   "-serial stdio: cannot use stdio by multiple character devices"));
    CHECK(error_is(PARSE("-serial", "null", "-chardev", "null,id=serial0"),
                   "-serial null: Duplicate ID 'serial0' for chardev"));
    /* QEMU takes any number of -serial; here up to 8 (a board has at most 4 UARTs today) */
    const char *many[2 * (CONFIG_MAX_SERIAL + 1) + 1];
    for (int i = 0; i < CONFIG_MAX_SERIAL + 1; i++) {
        many[2 * i] = "-serial";
        many[2 * i + 1] = "null";
    }
    many[2 * CONFIG_MAX_SERIAL] = NULL;
    CHECK(parse_v(many) == OPTIONS_OK);
    CHECK(cfg.nserial == CONFIG_MAX_SERIAL && cfg.nchardevs == CONFIG_MAX_SERIAL);
    CHECK(strcmp(cfg.chardevs[cfg.serial[CONFIG_MAX_SERIAL - 1]].id, "serial7") == 0);
    many[2 * CONFIG_MAX_SERIAL] = "-serial";
    many[2 * (CONFIG_MAX_SERIAL + 1)] = NULL;
    CHECK(error_is(parse_v(many),
                   "-serial null: too many serial ports (at most 8)"));
    CHECK(error_is(PARSE("-display", "gtk"),
                   "-display gtk: Parameter 'type' does not accept value 'gtk'"));
    CHECK(error_is(PARSE("-display", "sdl,gl=on"),
                   "-display sdl,gl=on: Parameter 'type' does not accept value 'sdl'"));
    CHECK(error_is(PARSE("-monitor", "stdio"),
                   "-monitor stdio: qemu-wasm has no monitor yet (only -monitor none is "
                   "accepted)"));
}

TEST(later_options_override_earlier)
{
    CHECK(PARSE("-m", "64", "-m", "32", "-kernel", "a", "-kernel", "b") == OPTIONS_OK);
    CHECK_EQ_U64(cfg.ram_size, 32 * MiB);
    CHECK(strcmp(cfg.kernel, "b") == 0);
}

TEST(small_error_buffer)
{
    char *argv[] = {(char *)"qemu-wasm", (char *)"-this-is-a-long-bad-option", NULL};
    char small[8];
    CHECK(options_parse(2, argv, &cfg, small, sizeof(small)) == OPTIONS_ERROR);
    CHECK(strlen(small) == 7);
    CHECK(options_parse(2, argv, &cfg, NULL, 0) == OPTIONS_ERROR);
}

TEST(drive_options)
{
    CHECK(PARSE("-drive", "file=a.img,format=raw,if=virtio,readonly=on,cache=unsafe",
                "-drive", "if=none,id=d0,file=b,,c.img,snapshot=on",
                "-device", "virtio-blk-device,drive=d0") == OPTIONS_OK);
    CHECK_EQ_U64(cfg.ndrives, 2);
    CHECK(strcmp(cfg.drives[0].file, "a.img") == 0);
    CHECK(strcmp(cfg.drives[0].format, "raw") == 0);
    CHECK(cfg.drives[0].readonly && !cfg.drives[0].if_none);
    CHECK_EQ_U64(cfg.drives[0].cache, DRIVE_CACHE_UNSAFE);
    CHECK(strcmp(cfg.drives[1].file, "b,c.img") == 0); /* ",," is a comma */
    CHECK(cfg.drives[1].if_none && cfg.drives[1].snapshot && !cfg.drives[1].format);
    CHECK_EQ_U64(cfg.drives[1].cache, DRIVE_CACHE_WRITEBACK);
    /* -device first, then the if=virtio drives (as QEMU creates them) */
    CHECK_EQ_U64(cfg.nvirtio, 2);
    CHECK(cfg.virtio[0].kind == VIRTIO_DEV_BLK && cfg.virtio[0].drive == 1);
    CHECK(cfg.virtio[1].kind == VIRTIO_DEV_BLK && cfg.virtio[1].drive == 0);
    CHECK(strcmp(cfg.virtio[1].opt, "-drive file=a.img,format=raw,if=virtio,readonly=on,"
                 "cache=unsafe") == 0);
    /* -snapshot applies to every drive */
    CHECK(PARSE("-snapshot", "-drive", "file=a.img") == OPTIONS_OK);
    CHECK(cfg.drives[0].snapshot);
    CHECK(error_is(PARSE("-drive", "file=a.img,cache=fast"),
                   "-drive file=a.img,cache=fast: invalid cache option"));
    CHECK(error_is(PARSE("-drive", "file=a.img,if=ide"),
                   "-drive file=a.img,if=ide: unsupported bus type 'ide' (qemu-wasm has "
                   "if=virtio and if=none)"));
    CHECK(error_is(PARSE("-device", "virtio-blk-device,drive=d0", "-drive",
                         "if=none,id=d1,file=x"),
                   "-device virtio-blk-device,drive=d0: Property 'virtio-blk-device.drive' "
                   "can't find value 'd0'"));
}

TEST(fsdev_and_9p_options)
{
    CHECK(PARSE("-virtfs", "local,path=/srv,mount_tag=host,security_model=mapped-xattr,readonly=on",
                "-fsdev", "local,id=f1,path=/tmp,security_model=none",
                "-device", "virtio-9p-device,fsdev=f1,mount_tag=tmp") == OPTIONS_OK);
    CHECK_EQ_U64(cfg.nfsdevs, 2);
    CHECK(strcmp(cfg.fsdevs[0].id, "host") == 0); /* -virtfs: named after the tag */
    CHECK(strcmp(cfg.fsdevs[0].path, "/srv") == 0);
    CHECK(cfg.fsdevs[0].readonly);
    CHECK_EQ_U64(cfg.fsdevs[0].security_model, FSDEV_SECURITY_MAPPED_XATTR);
    CHECK_EQ_U64(cfg.fsdevs[1].security_model, FSDEV_SECURITY_NONE);
    CHECK_EQ_U64(cfg.nvirtio, 2);
    CHECK(cfg.virtio[0].kind == VIRTIO_DEV_9P && cfg.virtio[0].fsdev == 0);
    CHECK(strcmp(cfg.virtio[0].mount_tag, "host") == 0);
    CHECK(cfg.virtio[1].kind == VIRTIO_DEV_9P && cfg.virtio[1].fsdev == 1);
    CHECK(strcmp(cfg.virtio[1].mount_tag, "tmp") == 0);
    CHECK(error_is(PARSE("-fsdev", "local,id=f0,path=/tmp"),
                   "-fsdev local,id=f0,path=/tmp: security_model property not set (valid "
                   "options are: security_model=[passthrough|mapped-xattr|mapped-file|none])"));
    CHECK(error_is(PARSE("-virtfs", "local,path=/tmp,mount_tag=t,security_model=none",
                         "-virtfs", "local,path=/srv,mount_tag=t,security_model=none"),
                   "-virtfs local,path=/srv,mount_tag=t,security_model=none: Duplicate ID 't' "
                   "for fsdev"));
}

TEST(device_options)
{
    CHECK(PARSE("-device", "virtio-rng-device", "-device", "virtio-serial-device",
                "-device", "virtconsole,id=c0") == OPTIONS_OK);
    CHECK_EQ_U64(cfg.nvirtio, 2);
    CHECK(cfg.virtio[0].kind == VIRTIO_DEV_RNG);
    CHECK(cfg.virtio[1].kind == VIRTIO_DEV_CONSOLE);
    CHECK(error_is(PARSE("-device", "virtio-serial-device", "-device", "virtconsole",
                         "-device", "virtconsole"),
                   "-device virtconsole: virtio-serial-device has one port in qemu-wasm "
                   "(hvc0), and it has a virtconsole already"));
    CHECK(error_is(PARSE("-device", "virtio-net-device"),
                   "-device virtio-net-device: 'virtio-net-device' is not a valid device "
                   "model name"));
    /* eight slots */
    CHECK(error_is(PARSE("-device", "virtio-rng-device", "-device", "virtio-rng-device",
                         "-device", "virtio-rng-device", "-device", "virtio-rng-device",
                         "-device", "virtio-rng-device", "-device", "virtio-rng-device",
                         "-device", "virtio-rng-device", "-device", "virtio-rng-device",
                         "-drive", "file=x.img"),
                   "-drive file=x.img: No 'virtio-bus' bus found for device "
                   "'virtio-blk-device'"));
}

int main(void)
{
    RUN(defaults);
    RUN(typical_command_line);
    RUN(double_dash_spellings);
    RUN(invalid_option_and_missing_argument);
    RUN(machine);
    RUN(memory_sizes);
    RUN(smp);
    RUN(accel);
    RUN(cpu);
    RUN(log_items);
    RUN(console_options);
    RUN(later_options_override_earlier);
    RUN(small_error_buffer);
    RUN(drive_options);
    RUN(fsdev_and_9p_options);
    RUN(device_options);
    return test_summary();
}
