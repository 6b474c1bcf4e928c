#!/usr/bin/env bash
# A real single-node SLURM on this machine, for the end-to-end test of `maxent sweep
# --executor slurm` and for trying the cluster path by hand (README "Running on a
# cluster"). Debian's packages (slurmctld, slurmd, slurm-client, munge), no systemd,
# loopback only; the recipe of docs/slurm-ci.md. Needs root.
#
#   scripts/slurm-local.sh install          apt-get the packages if missing (exit 3 if that fails)
#   scripts/slurm-local.sh start [DIR]      start munged (if not running), slurmctld, slurmd; state in DIR
#   scripts/slurm-local.sh stop [DIR]       stop what start started, by pid file, and remove DIR
#
# DIR defaults to /tmp/slurm-local. Clients need `export SLURM_CONF=DIR/slurm.conf`
# (start prints it). SLURM_LOCAL_PORT (default 6817) sets slurmctld's port; slurmd uses the next.
set -euo pipefail
command=${1:-}
S=${2:-/tmp/slurm-local}
export SLURM_CONF=$S/slurm.conf DEBIAN_FRONTEND=noninteractive

install_packages() {
  command -v slurmctld >/dev/null && command -v slurmd >/dev/null && command -v sbatch >/dev/null && command -v munged >/dev/null && return 0
  { apt-get update -qq && apt-get install -y -qq --no-install-recommends slurmctld slurmd slurm-client munge >/dev/null; } || {
    echo "slurm-local: apt-get could not install slurmctld slurmd slurm-client munge" >&2; exit 3; }
}

munge_works() { munge -n 2>/dev/null | unmunge >/dev/null 2>&1; }

start() {
  install_packages
  [ -s /etc/munge/munge.key ] || mungekey --create --keyfile=/etc/munge/munge.key
  chown munge:munge /etc/munge/munge.key; chmod 0400 /etc/munge/munge.key
  install -d -o munge -g munge -m 0755 /run/munge
  rm -rf "$S"; mkdir -p "$S/state" "$S/spool"
  if ! munge_works; then
    setpriv --reuid=munge --regid=munge --init-groups /usr/sbin/munged   # forks; pid in /run/munge/munged.pid
    cp /run/munge/munged.pid "$S/munged.pid"                               # ours to stop
    for _ in $(seq 50); do munge_works && break; sleep 0.1; done
  fi
  local port=${SLURM_LOCAL_PORT:-6817}
  local cpus mem
  cpus=$(nproc); mem=$(( $(free -m | awk '/^Mem:/{print $2}') * 8 / 10 ))   # never above the hardware
  cat > "$SLURM_CONF" <<EOF
ClusterName=local
SlurmctldHost=localhost(127.0.0.1)
SlurmctldPort=$port
SlurmdPort=$((port + 1))
CommunicationParameters=NoCtldInAddrAny,NoInAddrAny
SlurmUser=root
SlurmdUser=root
AuthType=auth/munge
CredType=cred/munge
MailProg=/bin/true
StateSaveLocation=$S/state
SlurmdSpoolDir=$S/spool
SlurmctldPidFile=$S/slurmctld.pid
SlurmdPidFile=$S/slurmd.pid
SlurmctldLogFile=$S/slurmctld.log
SlurmdLogFile=$S/slurmd.log
SelectType=select/cons_tres
SelectTypeParameters=CR_Core_Memory
DefMemPerCPU=500
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
JobAcctGatherType=jobacct_gather/none
AccountingStorageType=accounting_storage/none
JobCompType=jobcomp/none
MpiDefault=none
ReturnToService=2
SchedulerType=sched/backfill
SchedulerParameters=batch_sched_delay=0
DependencyParameters=kill_invalid_depend
MinJobAge=300
NodeName=localhost NodeAddr=127.0.0.1 CPUs=$cpus RealMemory=$mem State=UNKNOWN
PartitionName=debug Nodes=localhost Default=YES MaxTime=INFINITE State=UP
EOF
  slurmctld -c -f "$SLURM_CONF"          # -c: no saved state; daemonizes
  slurmd -f "$SLURM_CONF" -N localhost   # -N: node name independent of `hostname -s`
  for _ in $(seq 100); do [ "$(sinfo -h -o %T 2>/dev/null)" = idle ] && break; sleep 0.1; done
  if [ "$(sinfo -h -o %T 2>/dev/null)" != idle ]; then
    echo "slurm-local: the node did not become idle within 10 s (see $S/slurmctld.log, $S/slurmd.log)" >&2; exit 1
  fi
  echo "export SLURM_CONF=$SLURM_CONF"
}

wait_gone() { for _ in $(seq 100); do kill -0 "$1" 2>/dev/null || return 0; sleep 0.1; done; }

stop() {   # by pid file, never by name
  local pids p jobs
  # Cancel what is queued first, so no job step (slurmstepd) outlives slurmd.
  if [ -f "$SLURM_CONF" ] && jobs=$(squeue -h -o %A 2>/dev/null) && [ -n "$jobs" ]; then
    scancel $jobs 2>/dev/null || true
    for _ in $(seq 100); do [ -z "$(squeue -h -o %A 2>/dev/null)" ] && break; sleep 0.1; done
  fi
  pids=$(cat "$S/slurmd.pid" "$S/slurmctld.pid" 2>/dev/null || true)
  for p in $pids; do kill "$p" 2>/dev/null || true; done
  for p in $pids; do wait_gone "$p"; done
  p=$(cat "$S/munged.pid" 2>/dev/null || true)
  if [ -n "$p" ]; then kill "$p" 2>/dev/null || true; wait_gone "$p"; fi
  rm -rf "$S"
}

case $command in
  install) install_packages ;;
  start) start ;;
  stop) stop ;;
  *) echo "usage: $0 install | start [DIR] | stop [DIR]" >&2; exit 2 ;;
esac
