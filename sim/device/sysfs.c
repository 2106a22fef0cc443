/* SPDX-License-Identifier: MIT */
/*
 * A PCI function's sysfs directory, or a copy of one: the config-space ids,
 * the `resource` BAR table, the SR-IOV `physfn` link, the bound driver, the
 * identity values amdgpu exposes, mem_info_vram_total and the IP discovery
 * tree (peers-and-pci.md §2.1, §2.3).
 *
 * Only reads. Everything is opened relative to the directory's descriptor,
 * so a copy under tests/data/ reads exactly like /sys.
 *
 * ip_discovery layout (amdgpu_discovery.c, amdgpu_discovery_sysfs_ips()):
 * ip_discovery/die/<die>/<hw_id>/<instance>/{hw_id,major,minor,revision,
 * num_base_addresses,base_addr}, with a link named after the IP ("GC",
 * "MMHUB") to the numeric directory. A copy made with `cp -r` keeps the
 * links; one made by other means may hold either name, so both are tried.
 */
#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "device.h"
#include "util.h"

/* Longest sysfs attribute read: a page, what a sysfs show() may return. */
#define ATTR_MAX 4096
/* soc15_hw_ip.h: GC_HWID 11, MMHUB_HWID 34. */
#define GC_HWID 11u
#define MMHUB_HWID 34u
/* IP versions are bytes (IP_VERSION() packs 8-bit fields). */
#define IP_FIELD_MAX 255u

/* Read attribute @name under @dirfd into @buf, trailing whitespace removed. */
static int
read_attr(int dirfd, const char *name, char *buf, size_t len)
{
	size_t used = 0;
	int fd = openat(dirfd, name, O_RDONLY | O_CLOEXEC);

	if (fd < 0)
		return -errno;
	for (;;) {
		ssize_t n = read(fd, buf + used, len - 1 - used);

		if (n < 0) {
			int rc = -errno;

			close(fd);
			return rc;
		}
		if (n == 0 || (used += (size_t)n) >= len - 1)
			break;
	}
	close(fd);
	buf[used] = '\0';
	if (strlen(buf) != used)
		return -EINVAL;
	while (used > 0 && isspace((unsigned char)buf[used - 1]))
		buf[--used] = '\0';
	return 0;
}

/* An attribute holding an unsigned number (decimal, or hex with 0x). */
static int
read_number(int dirfd, const char *name, uint64_t max, uint64_t *out)
{
	char buf[ATTR_MAX];
	int rc = read_attr(dirfd, name, buf, sizeof(buf));

	if (rc)
		return rc;
	return gmcsim_parse_u64(buf, 0, max, out, NULL, 0) ? -EINVAL : 0;
}

static void
read_text(int dirfd, const char *name, struct gmcsim_sysfs_attr *a)
{
	char buf[ATTR_MAX];
	size_t len;
	int rc = read_attr(dirfd, name, buf, sizeof(buf));

	memset(a, 0, sizeof(*a));
	if (rc == -ENOENT)
		return;
	if (rc) {
		a->error = rc;
		return;
	}
	len = strlen(buf);
	if (len >= sizeof(a->value)) {
		a->error = -EOVERFLOW;
		return;
	}
	for (size_t i = 0; i < len; i++) {
		if (buf[i] < 0x20 || buf[i] > 0x7e) {
			a->error = -EILSEQ;
			return;
		}
	}
	memcpy(a->value, buf, len + 1);
	a->present = true;
}

/* The last component of the link @name, or "" (the link may be absent). */
static bool
read_link_base(int dirfd, const char *name, char *out, size_t len)
{
	char target[ATTR_MAX];
	const char *slash;
	ssize_t n = readlinkat(dirfd, name, target, sizeof(target) - 1);

	out[0] = '\0';
	if (n < 0)
		return false;
	target[n] = '\0';
	slash = strrchr(target, '/');
	slash = slash ? slash + 1 : target;
	/* a name that does not fit is cut: it is only shown */
	n = (ssize_t)strnlen(slash, len - 1);
	memcpy(out, slash, (size_t)n);
	out[n] = '\0';
	return true;
}

/* --- ids and BARs --- */

static int
read_id(int dirfd, const char *name, uint64_t max, uint64_t *out, struct gmc_error *err)
{
	int rc = read_number(dirfd, name, max, out);

	if (rc == -EINVAL)
		return gmcsim_fail(err, -EINVAL, "%s: not a number up to 0x%" PRIx64, name, max);
	if (rc)
		return gmcsim_fail(err, rc, "%s: %s", name, strerror(-rc));
	return 0;
}

static int
read_ids(int dirfd, struct gmcsim_sysfs_device *out, struct gmc_error *err)
{
	uint64_t v[5], cls;
	/* config space: 16-bit ids, an 8-bit revision (PCI spec, type 0 header) */
	static const struct {
		const char *name;
		uint64_t max;
	} ids[] = {
		{ "vendor", 0xffff },		{ "device", 0xffff },
		{ "revision", 0xff },		{ "subsystem_vendor", 0xffff },
		{ "subsystem_device", 0xffff },
	};
	int rc;

	for (size_t i = 0; i < sizeof(ids) / sizeof(ids[0]); i++) {
		rc = read_id(dirfd, ids[i].name, ids[i].max, &v[i], err);
		if (rc)
			return rc;
	}
	out->vendor = (uint16_t)v[0];
	out->device = (uint16_t)v[1];
	out->revision = (uint8_t)v[2];
	out->subsystem_vendor = (uint16_t)v[3];
	out->subsystem_device = (uint16_t)v[4];
	out->have_ids = true;
	/* the class code is 24 bits: base class, subclass, programming interface */
	if (read_number(dirfd, "class", 0xffffff, &cls) == 0) {
		out->device_class = (uint32_t)cls;
		out->have_class = true;
	}
	return 0;
}

/*
 * `resource`: one "start end flags" line per resource, in hex; the first
 * six are the BARs (pci-sysfs.c resource_show(); libpciaccess reads the
 * same file, peers-and-pci.md §2.1).
 */
static int
read_resource(int dirfd, struct gmcsim_sysfs_device *out, struct gmc_error *err)
{
	char buf[ATTR_MAX];
	char *line, *save = NULL;
	unsigned n = 0;
	int rc = read_attr(dirfd, "resource", buf, sizeof(buf));

	if (rc)
		return gmcsim_fail(err, rc, "resource: %s", strerror(-rc));
	for (line = strtok_r(buf, "\n", &save); line && n < GMCSIM_MAX_BARS;
	     line = strtok_r(NULL, "\n", &save), n++) {
		struct gmcsim_sysfs_resource *r = &out->resource[n];
		char *f[3], *fs = NULL;
		uint64_t v[3];
		size_t k = 0;

		for (char *t = strtok_r(line, " \t", &fs); t; t = strtok_r(NULL, " \t", &fs)) {
			if (k == 3) {
				k++;
				break;
			}
			f[k++] = t;
		}
		if (k != 3)
			return gmcsim_fail(err, -EINVAL,
					   "resource line %u: expected \"start end flags\"", n + 1);
		for (size_t i = 0; i < 3; i++) {
			if (strncmp(f[i], "0x", 2) != 0 ||
			    gmcsim_parse_u64(f[i], 0, UINT64_MAX, &v[i], NULL, 0))
				return gmcsim_fail(
					err, -EINVAL,
					"resource line %u: '%.20s' is not a 0x-hex number", n + 1,
					f[i]);
		}
		if (v[0] != 0 && v[1] < v[0])
			return gmcsim_fail(err, -EINVAL,
					   "resource line %u: end 0x%" PRIx64
					   " is below start 0x%" PRIx64,
					   n + 1, v[1], v[0]);
		r->start = v[0];
		r->end = v[1];
		r->flags = v[2];
	}
	if (n < GMCSIM_MAX_BARS)
		return gmcsim_fail(err, -EINVAL,
				   "resource: %u lines; a PCI function has %d BAR lines", n,
				   GMCSIM_MAX_BARS);
	out->have_resource = true;
	return 0;
}

/* The BAR flag bits libpciaccess decodes from `resource` (linux_sysfs.c). */
#define RES_FLAG_IO 0x1u
#define RES_FLAG_64 0x4u
#define RES_FLAG_PREFETCH 0x8u

enum gmcsim_bar_role
gmcsim_bar_role_of(unsigned index, bool is_io, bool is_64, bool prefetchable, bool si)
{
	if (is_io)
		return GMCSIM_BAR_OTHER;
	if (index == 0)
		return GMCSIM_BAR_VRAM;
	if (index == 2)
		return si ? GMCSIM_BAR_MMIO : GMCSIM_BAR_DOORBELL;
	if (index == 5 && !is_64 && !prefetchable)
		return GMCSIM_BAR_MMIO;
	return GMCSIM_BAR_OTHER;
}

void
gmcsim_sysfs_bars(const struct gmcsim_sysfs_resource res[GMCSIM_MAX_BARS], bool si,
		  struct gmcsim_pci *pci)
{
	pci->n_bars = 0;
	for (unsigned i = 0; i < GMCSIM_MAX_BARS; i++) {
		struct gmcsim_bar *b = &pci->bars[pci->n_bars];
		bool io = (res[i].flags & RES_FLAG_IO) != 0;

		/* libpciaccess leaves a BAR whose start is 0 with size 0: unassigned */
		if (res[i].start == 0)
			continue;
		memset(b, 0, sizeof(*b));
		b->index = i;
		b->address = res[i].start;
		b->size = res[i].end - res[i].start + 1;
		b->is_64 = !io && (res[i].flags & RES_FLAG_64);
		b->prefetchable = !io && (res[i].flags & RES_FLAG_PREFETCH);
		b->role = gmcsim_bar_role_of(i, io, b->is_64, b->prefetchable, si);
		pci->n_bars++;
	}
}

/* --- IP discovery --- */

/* Open ip_discovery/die/0/<name or hw_id>/0; -ENOENT when neither exists. */
static int
open_ip(int dirfd, const char *name, unsigned hw_id)
{
	char path[96];
	int fd;

	snprintf(path, sizeof(path), "ip_discovery/die/0/%s/0", name);
	fd = openat(dirfd, path, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (fd >= 0 || errno != ENOENT)
		return fd >= 0 ? fd : -errno;
	snprintf(path, sizeof(path), "ip_discovery/die/0/%u/0", hw_id);
	fd = openat(dirfd, path, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	return fd >= 0 ? fd : -errno;
}

static int
read_bases(int fd, struct gmcsim_ip_info *ip, char *why, size_t whylen)
{
	char buf[ATTR_MAX];
	char *line, *save = NULL;
	int rc = read_attr(fd, "base_addr", buf, sizeof(buf));

	if (rc) {
		snprintf(why, whylen, "base_addr: %s", strerror(-rc));
		return rc;
	}
	ip->n_bases = 0;
	for (line = strtok_r(buf, "\n", &save); line; line = strtok_r(NULL, "\n", &save)) {
		uint64_t v;

		while (isspace((unsigned char)*line))
			line++;
		if (!*line)
			continue;
		/* one "0x%08X" dword address per line */
		if (ip->n_bases == GMCSIM_IP_BASES_MAX ||
		    gmcsim_parse_u64(line, 0, UINT32_MAX, &v, NULL, 0)) {
			snprintf(why, whylen, "base_addr line %u: '%.20s' is not a 32-bit address",
				 ip->n_bases + 1, line);
			return -EINVAL;
		}
		ip->base[ip->n_bases++] = (uint32_t)v;
	}
	return 0;
}

static void
read_ip(int dirfd, const char *name, unsigned hw_id, struct gmcsim_ip_info *ip, char *note,
	size_t notelen)
{
	static const char *const fields[] = { "major", "minor", "revision" };
	uint64_t v[3], id;
	char why[GMCSIM_TEXT_MAX] = "";
	int fd = open_ip(dirfd, name, hw_id);

	memset(ip, 0, sizeof(*ip));
	if (fd < 0) {
		if (note && !*note)
			snprintf(note, notelen, "ip_discovery/die/0 has no %s instance 0 (%s)",
				 name, strerror(-fd));
		return;
	}
	/* the numeric directory must really be this IP */
	if (read_number(fd, "hw_id", UINT32_MAX, &id) == 0 && id != hw_id) {
		snprintf(why, sizeof(why), "hw_id is %" PRIu64 ", not %u", id, hw_id);
		goto bad;
	}
	for (size_t i = 0; i < 3; i++) {
		if (read_number(fd, fields[i], IP_FIELD_MAX, &v[i]) != 0) {
			snprintf(why, sizeof(why), "%s is missing or not a number 0..255",
				 fields[i]);
			goto bad;
		}
	}
	if (read_bases(fd, ip, why, sizeof(why)) != 0 && note) {
		/* the version stands without the bases; say why they are missing */
		if (!*note)
			snprintf(note, notelen, "ip_discovery %s/0: %s", name, why);
		ip->n_bases = 0;
	}
	close(fd);
	ip->version = GMC_IP_VERSION(v[0], v[1], v[2]);
	ip->present = true;
	return;
bad:
	close(fd);
	memset(ip, 0, sizeof(*ip));
	if (note && !*note)
		snprintf(note, notelen, "ip_discovery %s/0: %s", name, why);
}

static void
read_ip_discovery(int dirfd, struct gmcsim_sysfs_device *out)
{
	struct stat st;

	if (fstatat(dirfd, "ip_discovery", &st, 0) != 0)
		return; /* no IP discovery: a pre-discovery part, or no driver bound */
	read_ip(dirfd, "GC", GC_HWID, &out->gc, out->ip_note, sizeof(out->ip_note));
	read_ip(dirfd, "MMHUB", MMHUB_HWID, &out->mmhub, NULL, 0);
}

/* --- the whole directory --- */

const char *
gmcsim_path_tail(const char *path, char *q)
{
	size_t len = strlen(path);
	/* room for "..." and the tail within GMCSIM_SAFE_TEXT_MAX */
	size_t keep = GMCSIM_SAFE_TEXT_MAX - 3;

	if (len <= GMCSIM_SAFE_TEXT_MAX)
		return gmcsim_safe_text(path, q, GMCSIM_SAFE_BUF);
	gmcsim_safe_text(path + len - keep, q + 3, GMCSIM_SAFE_BUF - 3);
	memcpy(q, "...", 3);
	return q;
}

int
gmcsim_pci_bus_parse(const char *text, char *out, size_t len)
{
	unsigned long dom = 0, bus, dev, fn;
	const char *s = text;
	char *end;

	if (!text || !*text)
		return -EINVAL;
	/* "DDDD:BB:DD.F" or "BB:DD.F": count the colons */
	if (strchr(s, ':') != strrchr(s, ':')) {
		if (!isxdigit((unsigned char)*s))
			return -EINVAL;
		dom = strtoul(s, &end, 16);
		if (*end != ':' || end - s > 8)
			return -EINVAL;
		s = end + 1;
	}
	if (!isxdigit((unsigned char)*s))
		return -EINVAL;
	bus = strtoul(s, &end, 16);
	if (*end != ':' || end - s > 2)
		return -EINVAL;
	s = end + 1;
	if (!isxdigit((unsigned char)*s))
		return -EINVAL;
	dev = strtoul(s, &end, 16);
	if (*end != '.' || end - s > 2 || dev > 0x1f)
		return -EINVAL;
	s = end + 1;
	if (*s < '0' || *s > '7' || s[1] != '\0')
		return -EINVAL;
	fn = (unsigned long)(*s - '0');
	snprintf(out, len, "%04lx:%02lx:%02lx.%lx", dom, bus, dev, fn);
	return 0;
}

int
gmcsim_sysfs_read(const char *dir, unsigned flags, struct gmcsim_sysfs_device *out,
		  struct gmc_error *err)
{
	struct gmcsim_sysfs_device d;
	char q[GMCSIM_SAFE_BUF], name[GMCSIM_NAME_MAX];
	const char *base;
	uint64_t vram;
	size_t len;
	int fd, rc = 0;

	if (!dir || !out)
		return gmcsim_fail(err, -EINVAL, "no sysfs directory given");
	fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (fd < 0) {
		struct stat st;

		/* -ENOENT by contract; the message says what is there instead */
		if (errno == ENOTDIR)
			return gmcsim_fail(err, -ENOENT, "cannot read the sysfs directory %s: %s",
					   gmcsim_path_tail(dir, q),
					   stat(dir, &st) == 0 ? "it is a file, not a directory"
							       : "a part of the path is a file");
		rc = -errno;
		return gmcsim_fail(err, rc, "cannot read the sysfs directory %s: %s",
				   gmcsim_path_tail(dir, q), strerror(-rc));
	}

	memset(&d, 0, sizeof(d));
	/* the last path component, trailing slashes ignored */
	len = strlen(dir);
	while (len > 1 && dir[len - 1] == '/')
		len--;
	base = dir + len;
	while (base > dir && base[-1] != '/')
		base--;
	if ((size_t)(dir + len - base) < sizeof(name)) {
		memcpy(name, base, (size_t)(dir + len - base));
		name[dir + len - base] = '\0';
		if (gmcsim_pci_bus_parse(name, d.bus, sizeof(d.bus)) != 0)
			d.bus[0] = '\0';
	}

	if (flags & GMCSIM_SYSFS_IDS) {
		struct gmc_error sub = { 0 };

		rc = read_ids(fd, &d, &sub);
		if (rc == 0)
			rc = read_resource(fd, &d, &sub);
		if (rc) {
			close(fd);
			return gmcsim_fail(err, rc, "%s: %s", gmcsim_path_tail(dir, q),
					   sub.message);
		}
	}

	/* an SR-IOV VF has a physfn link to its PF (pci-sysfs, iov.c) */
	if (faccessat(fd, "physfn", F_OK, AT_SYMLINK_NOFOLLOW) == 0) {
		d.is_vf = true;
		read_link_base(fd, "physfn", d.physfn, sizeof(d.physfn));
	}
	read_link_base(fd, "driver", d.driver, sizeof(d.driver));

	read_text(fd, "serial_number", &d.serial_number);
	read_text(fd, "unique_id", &d.unique_id);
	read_text(fd, "xgmi_device_id", &d.xgmi_device_id);
	read_text(fd, "fru_id", &d.fru_id);
	read_text(fd, "mem_info_vram_total", &d.vram_total_text);
	if (d.vram_total_text.present) {
		if (gmcsim_parse_u64(d.vram_total_text.value, 0, UINT64_MAX, &vram, NULL, 0) == 0) {
			d.vram_total = vram;
			d.have_vram_total = true;
		} else {
			d.vram_total_text.present = false;
			d.vram_total_text.error = -EINVAL;
		}
	}
	read_ip_discovery(fd, &d);
	close(fd);
	*out = d;
	return 0;
}

const char *
gmcsim_sysfs_attr_problem(const struct gmcsim_sysfs_attr *attr)
{
	switch (attr->error) {
	case 0:
		return attr->present ? "" : "absent";
	case -EOVERFLOW:
		return "longer than 63 bytes";
	case -EILSEQ:
		return "not printable ASCII";
	case -EINVAL:
		return "malformed";
	default:
		return strerror(-attr->error);
	}
}
