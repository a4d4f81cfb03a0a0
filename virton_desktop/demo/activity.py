"""Another user's work while the app was closed, for the change feed to find at the next start.

`vt_other_user_activity(user)` has that user (alice@pve by default) create a VM, destroy a
stopped one, migrate a stopped one to another node, start a stopped one, stop a running one, and
run a backup that fails — each as a PVE task in that user's name (UPID, `user`, exit status "OK"
or the error text), listed by /cluster/tasks and the nodes' task lists as PVE lists them.
`python -m virton_desktop.demo --activity` (and `virton-desktop --demo --demo-activity`) runs it
before the app logs in: start the app once with `--demo`, quit, start it again with both.
"""

from fakepve.model import FakeVm, TaskError

ACTIVITY_USER = 'alice@pve'
CREATED_NAME = 'alice-scratch'


class DemoActivityMixin:
    """Members prefixed as in DemoPve."""

    async def vt_other_user_activity(self, user=ACTIVITY_USER):
        """Returns {kind: vmid} of what the user did (the tasks end at once)."""
        free = [vm for vm in self.vms if isinstance(vm, FakeVm) and not vm.lock and not vm.template
                and not vm.ha_managed]
        stopped = sorted((vm for vm in free if vm.status == 'stopped'), key=lambda vm: -vm.vmid)
        running = sorted((vm for vm in free if vm.status == 'running'), key=lambda vm: vm.vmid)
        nodes = sorted(name for name, node in self.nodes.items() if node.get('online', True))
        done = {}
        if len(stopped) >= 3:
            doomed, moved, woken = stopped[0], stopped[1], stopped[2]
            await self.task(doomed.node, 'qmdestroy', doomed.vmid, user, self._vt_destroy_body(doomed), vm=doomed)
            done['destroyed'] = doomed.vmid
            target = next((n for n in nodes if n != moved.node), None)
            if target is not None:
                await self.task(moved.node, 'qmigrate', moved.vmid, user, self._vt_move_body(moved, target), vm=moved,
                                log=['starting migration of VM {0} to node {1!r}'.format(moved.vmid, target)])
                done['migrated'] = moved.vmid
            await self.task(woken.node, 'qmstart', woken.vmid, user, self._vt_power_body(woken, 'running'), vm=woken)
            done['started'] = woken.vmid
        if len(running) >= 2:
            halted, locked = running[0], running[1]
            await self.task(halted.node, 'qmstop', halted.vmid, user, self._vt_power_body(halted, 'stopped'),
                            vm=halted)
            done['stopped'] = halted.vmid
            await self.task(locked.node, 'vzdump', locked.vmid, user, self._vt_failing_backup(locked), lock=False,
                            log=['INFO: starting new backup job: vzdump {0}'.format(locked.vmid)])
            done['backup-failed'] = locked.vmid
        vmid = max((vm.vmid for vm in self.vms), default=99) + 1
        while self.guest(vmid) is not None:
            vmid += 1
        node = nodes[0] if nodes else 'pve1'
        await self.task(node, 'qmcreate', vmid, user, self._vt_create_body(vmid, node))
        done['created'] = vmid
        return done

    def _vt_destroy_body(self, vm):
        async def body():
            if vm in self.vms:
                self.vms.remove(vm)
            self._pool_leave(vm.vmid)
        return body

    def _vt_move_body(self, vm, target):
        async def body():
            vm.node = target
            return 'migration finished successfully'
        return body

    @staticmethod
    def _vt_power_body(vm, status):
        async def body():
            vm.status = vm.qmpstatus = status
        return body

    @staticmethod
    def _vt_failing_backup(vm):
        async def body():
            raise TaskError('Backup of VM {0} failed - unable to create temporary directory '
                            "'/mnt/pve/nfs-storage/dump/vzdump-qemu-{0}.tmp' - Permission denied".format(vm.vmid))
        return body

    def _vt_create_body(self, vmid, node):
        async def body():
            self.add_vm(vmid, CREATED_NAME, node=node, config={'memory': 2048, 'cores': 2, 'ostype': 'l26'})
        return body
