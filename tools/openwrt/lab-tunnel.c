/*
 * Router lab only (built into /sbin/netifd-lab by tools/openwrt/build.sh, never shipped):
 * a stand-in for tunnel devices the lab kernel cannot create.
 *
 * The build renames netifd's own system_add_ip_tunnel() to system_add_ip_tunnel_kernel();
 * this file provides system_add_ip_tunnel() again. It first asks the kernel exactly as stock
 * netifd does. Only when that fails and $NETIFD_LAB_TUNNEL_HOOK names a program, that program
 * is run as `<hook> <ifname> <tunnel attributes as JSON>` and its exit status decides: 0 means
 * it created a device named <ifname> (the lab makes a veth towards its border relay), and
 * netifd carries on as it would with the real tunnel. Everything else in netifd is unchanged.
 */
#include <stdlib.h>
#include <unistd.h>
#include <sys/wait.h>

#include <libubox/blobmsg_json.h>

#include "netifd.h"
#include "device.h"
#include "system.h"

int system_add_ip_tunnel_kernel(const struct device *dev, struct blob_attr *attr);

static int run_hook(const char *hook, const char *ifname, const char *json)
{
	int status;
	pid_t pid = fork();

	if (pid < 0)
		return -1;
	if (pid == 0) {
		execl(hook, hook, ifname, json, (char *)NULL);
		_exit(127);
	}
	if (waitpid(pid, &status, 0) < 0 || !WIFEXITED(status))
		return -1;
	return WEXITSTATUS(status) == 0 ? 0 : -1;
}

int system_add_ip_tunnel(const struct device *dev, struct blob_attr *attr)
{
	const char *hook = getenv("NETIFD_LAB_TUNNEL_HOOK");
	char *json;
	int ret = system_add_ip_tunnel_kernel(dev, attr);

	if (ret == 0 || !hook || !*hook)
		return ret;

	json = blobmsg_format_json(attr, true);
	if (!json)
		return ret;

	netifd_log_message(L_NOTICE, "lab: kernel refused tunnel %s (%d), running %s\n", dev->ifname, ret, hook);
	ret = run_hook(hook, dev->ifname, json);
	free(json);
	return ret;
}
