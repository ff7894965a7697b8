#!/usr/bin/env bash
# Starts a throwaway, real Kubernetes control plane (etcd + kube-apiserver +
# kube-controller-manager) bound to 127.0.0.1 on kernel-chosen free ports.
#
# Usage: start.sh STATE_DIR
#
# Writes STATE_DIR/admin.kubeconfig and STATE_DIR/env (KEY=VALUE lines, also
# printed to stdout). Logs: STATE_DIR/logs/*.log. PIDs: STATE_DIR/pids/*.pid.
# Stop with stop.sh STATE_DIR. Anything previously in STATE_DIR's managed
# subdirectories (pki, etcd, logs, pids, ...) is wiped: every start is fresh.
#
# Env:
#   HOMELAB_LCP_READY_TIMEOUT  seconds to wait for readiness (default 60)
#   HOMELAB_ETCD_BIN           etcd binary (default /usr/bin/etcd)
#   HOMELAB_KUBE_CACHE         passed through to build.sh
#   HOMELAB_KUBE_BIN           folder with kube-apiserver and kube-controller-manager (default:
#                              build.sh's cache; the control-plane image has them built in)
#   HOMELAB_LCP_API_PORT       the apiserver's port (default: a free one the kernel picks), for a
#                              caller that must know it before the start (a container's readiness wait)
set -euo pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd -P)
readonly HERE
readonly READY_TIMEOUT=${HOMELAB_LCP_READY_TIMEOUT:-60}
readonly ETCD_BIN=${HOMELAB_ETCD_BIN:-/usr/bin/etcd}
readonly SERVICE_CIDR=10.96.0.0/16
readonly SERVICE_IP=10.96.0.1 # first IP of SERVICE_CIDR: the `kubernetes` Service
readonly SA_ISSUER=https://kubernetes.default.svc.cluster.local
readonly MAX_ATTEMPTS=3

log() { printf '[start.sh %(%H:%M:%S)T] %s\n' -1 "$*" >&2; }
die() { log "ERROR: $*"; exit 1; }

(($# == 1)) || die "usage: $0 STATE_DIR"
# Keeps the env file trivially parseable (no quoting) by shells and C#.
[[ $1 =~ ^[A-Za-z0-9._/+-]+$ ]] || die "STATE_DIR must match [A-Za-z0-9._/+-]+ (got '$1')"
mkdir -p "$1"
STATE_DIR=$(cd "$1" && pwd -P)
[[ $STATE_DIR =~ ^[A-Za-z0-9._/+-]+$ ]] ||
  die "STATE_DIR must match [A-Za-z0-9._/+-]+ (got '$STATE_DIR')"
readonly STATE_DIR PKI=$STATE_DIR/pki LOGS=$STATE_DIR/logs PIDS=$STATE_DIR/pids

# Refuse to clobber a running instance (its PIDs would be orphaned).
shopt -s nullglob
for f in "$PIDS"/*.pid; do
  pid=$(<"$f")
  if [[ $pid =~ ^[0-9]+$ ]] && kill -0 "$pid" 2>/dev/null &&
    tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null | grep -qF "$STATE_DIR/"; then
    die "a control plane is already running in $STATE_DIR (pid $pid); run stop.sh first"
  fi
done

# First use builds (minutes) and installs etcd-server; afterwards this is a cache hit (< 1 s).
# So it comes before the etcd check: a fresh machine builds instead of stopping.
BIN_DIR=${HOMELAB_KUBE_BIN:-$("$HERE/build.sh" | tail -n1)}
[[ -x $BIN_DIR/kube-apiserver && -x $BIN_DIR/kube-controller-manager ]] ||
  die "build.sh did not yield binaries (got '$BIN_DIR')"
[[ -x $ETCD_BIN ]] || die "etcd not found at $ETCD_BIN (build.sh installs etcd-server)"
PYTHON=$(command -v /usr/bin/python3 || command -v python3) || die "python3 is required"

T0=$SECONDS
umask 077 # keys and kubeconfigs are private to this user

# --- PKI --------------------------------------------------------------------
new_key() { openssl genrsa -traditional -out "$PKI/$1.key" 2048 2>/dev/null; }

# issue CA NAME SUBJECT EXTENSIONS: CSR + cert for NAME.key signed by CA.
issue() {
  openssl req -new -key "$PKI/$2.key" -subj "$3" -out "$PKI/$2.csr"
  openssl x509 -req -in "$PKI/$2.csr" -CA "$PKI/$1.crt" -CAkey "$PKI/$1.key" \
    -set_serial "0x$(openssl rand -hex 16)" -days 365 -sha256 \
    -extfile <(printf '%b\n' "$4") -out "$PKI/$2.crt" 2>/dev/null
  rm -f "$PKI/$2.csr"
}

# new_ca NAME CN: self-signed CA.
new_ca() {
  openssl req -x509 -new -key "$PKI/$1.key" -subj "/CN=$2" \
    -days 365 -sha256 -out "$PKI/$1.crt" \
    -addext 'basicConstraints=critical,CA:TRUE' \
    -addext 'keyUsage=critical,keyCertSign,cRLSign,digitalSignature'
}

make_pki() {
  mkdir -p "$PKI"
  local server='basicConstraints=critical,CA:FALSE\nkeyUsage=critical,digitalSignature,keyEncipherment\nextendedKeyUsage=serverAuth'
  local client='basicConstraints=critical,CA:FALSE\nkeyUsage=critical,digitalSignature,keyEncipherment\nextendedKeyUsage=clientAuth'
  local both='basicConstraints=critical,CA:FALSE\nkeyUsage=critical,digitalSignature,keyEncipherment\nextendedKeyUsage=serverAuth,clientAuth'
  local k pids=()
  # RSA key generation dominates; run it on all cores.
  for k in ca front-proxy-ca apiserver etcd-server apiserver-etcd-client admin \
    controller-manager front-proxy-client sa; do
    new_key "$k" &
    pids+=($!)
  done
  for k in "${pids[@]}"; do wait "$k"; done
  new_ca ca homelab-local-control-plane-ca
  # Separate CA for the aggregation layer's request-header auth, as kubeadm does.
  new_ca front-proxy-ca homelab-local-front-proxy-ca
  # Go >= 1.15 ignores CN: the SANs are what clients verify.
  issue ca apiserver "/CN=kube-apiserver" "$server\nsubjectAltName=IP:127.0.0.1,DNS:localhost,IP:$SERVICE_IP,DNS:kubernetes,DNS:kubernetes.default,DNS:kubernetes.default.svc,DNS:kubernetes.default.svc.cluster.local"
  # etcd's built-in gRPC gateway dials itself with this cert: needs clientAuth too.
  issue ca etcd-server "/CN=etcd" "$both\nsubjectAltName=IP:127.0.0.1,DNS:localhost"
  issue ca apiserver-etcd-client "/CN=kube-apiserver-etcd-client" "$client"
  issue ca admin "/O=system:masters/CN=homelab-admin" "$client"
  issue ca controller-manager "/CN=system:kube-controller-manager" "$client"
  issue front-proxy-ca front-proxy-client "/CN=front-proxy-client" "$client"
  # Service-account token signing pair (private for apiserver + KCM, public to verify).
  openssl rsa -in "$PKI/sa.key" -pubout -out "$PKI/sa.pub" 2>/dev/null
}

# kubeconfig FILE USER CERT_NAME: self-contained (all data inline).
write_kubeconfig() {
  cat >"$1" <<EOF
apiVersion: v1
kind: Config
clusters:
- name: local
  cluster:
    server: $API_URL
    certificate-authority-data: $(base64 -w0 "$PKI/ca.crt")
users:
- name: $2
  user:
    client-certificate-data: $(base64 -w0 "$PKI/$3.crt")
    client-key-data: $(base64 -w0 "$PKI/$3.key")
contexts:
- name: local
  context:
    cluster: local
    user: $2
current-context: local
EOF
}

# Five distinct free loopback ports. The kernel picks them (bind to port 0);
# a race with another process is possible but rare and retried below.
pick_ports() {
  "$PYTHON" - <<'EOF'
import socket
socks = []
for _ in range(5):
    s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    s.bind(("127.0.0.1", 0))
    socks.append(s)
print(" ".join(str(s.getsockname()[1]) for s in socks))
EOF
}

# launch NAME CMD...: detached (own session, no inherited stdio), so callers
# that read our stdout to EOF (e.g. .NET Process) are not blocked by daemons.
launch() {
  local name=$1
  shift
  setsid "$@" </dev/null >"$LOGS/$name.log" 2>&1 &
  echo $! >"$PIDS/$name.pid"
}

alive() { kill -0 "$(<"$PIDS/$1.pid")" 2>/dev/null; }

# Why the last attempt failed: "port" (retry with new ports) or "fatal".
FAIL_KIND=fatal
fail_start() {
  local name=$1 why=$2
  log "$name: $why"
  if grep -qi 'address already in use' "$LOGS"/*.log 2>/dev/null; then
    FAIL_KIND=port
  else
    FAIL_KIND=fatal
  fi
  return 1
}

CURL_ADMIN=()
# wait_for NAME URL [CURL_ARGS...]: poll until HTTP 200 or the deadline.
wait_for() {
  local name=$1 url=$2 p
  shift 2
  while ((SECONDS < DEADLINE)); do
    for p in "$PIDS"/*.pid; do
      p=${p##*/}
      alive "${p%.pid}" || { fail_start "${p%.pid}" "exited during startup"; return 1; }
    done
    curl -fsS -o /dev/null --max-time 2 "$@" "$url" 2>/dev/null && return 0
    sleep 0.25
  done
  fail_start "$name" "not ready at $url after ${READY_TIMEOUT}s"
}

start_once() {
  local etcd_port peer_port api_port kcm_port
  rm -rf "$STATE_DIR/etcd" "$LOGS" "$PIDS" "$STATE_DIR/kcm-certs" "$STATE_DIR/kcm-flexvolume"
  mkdir -p "$STATE_DIR/etcd" "$LOGS" "$PIDS" "$STATE_DIR/kcm-certs"
  read -r etcd_port peer_port api_port kcm_port _ < <(pick_ports) || true
  [[ $kcm_port =~ ^[0-9]+$ ]] || { log "could not pick free ports"; FAIL_KIND=fatal; return 1; }
  api_port=${HOMELAB_LCP_API_PORT:-$api_port}
  API_URL=https://127.0.0.1:$api_port
  ETCD_URL=https://127.0.0.1:$etcd_port
  KCM_URL=https://127.0.0.1:$kcm_port
  write_kubeconfig "$STATE_DIR/admin.kubeconfig" homelab-admin admin
  write_kubeconfig "$STATE_DIR/controller-manager.kubeconfig" system:kube-controller-manager controller-manager
  CURL_ADMIN=(--cacert "$PKI/ca.crt" --cert "$PKI/admin.crt" --key "$PKI/admin.key")

  log "etcd on $ETCD_URL"
  # Client traffic is mutual TLS so other local users cannot bypass the apiserver.
  launch etcd "$ETCD_BIN" --name lcp --data-dir "$STATE_DIR/etcd" \
    --listen-client-urls "$ETCD_URL" --advertise-client-urls "$ETCD_URL" \
    --listen-peer-urls "http://127.0.0.1:$peer_port" \
    --initial-advertise-peer-urls "http://127.0.0.1:$peer_port" \
    --initial-cluster "lcp=http://127.0.0.1:$peer_port" --initial-cluster-state new \
    --cert-file "$PKI/etcd-server.crt" --key-file "$PKI/etcd-server.key" \
    --client-cert-auth --trusted-ca-file "$PKI/ca.crt" \
    --log-level warn --logger zap
  wait_for etcd "$ETCD_URL/health" --cacert "$PKI/ca.crt" \
    --cert "$PKI/apiserver-etcd-client.crt" --key "$PKI/apiserver-etcd-client.key" || return 1

  log "kube-apiserver on $API_URL"
  # --insecure-port=0: v1.20 would otherwise serve unauthenticated HTTP on :8080.
  # --endpoint-reconciler-type=none: a loopback IP fails Endpoints validation,
  # so the default reconciler would only log errors forever.
  launch kube-apiserver "$BIN_DIR/kube-apiserver" \
    --bind-address=127.0.0.1 --advertise-address=127.0.0.1 \
    --secure-port="$api_port" --insecure-port=0 \
    --etcd-servers="$ETCD_URL" --etcd-cafile="$PKI/ca.crt" \
    --etcd-certfile="$PKI/apiserver-etcd-client.crt" --etcd-keyfile="$PKI/apiserver-etcd-client.key" \
    --client-ca-file="$PKI/ca.crt" \
    --tls-cert-file="$PKI/apiserver.crt" --tls-private-key-file="$PKI/apiserver.key" \
    --authorization-mode=RBAC \
    --allow-privileged=true \
    --disable-admission-plugins=TaintNodesByCondition \
    --service-cluster-ip-range="$SERVICE_CIDR" \
    --service-account-issuer="$SA_ISSUER" \
    --service-account-key-file="$PKI/sa.pub" \
    --service-account-signing-key-file="$PKI/sa.key" \
    --endpoint-reconciler-type=none \
    --requestheader-client-ca-file="$PKI/front-proxy-ca.crt" \
    --requestheader-allowed-names=front-proxy-client \
    --requestheader-username-headers=X-Remote-User \
    --requestheader-group-headers=X-Remote-Group \
    --requestheader-extra-headers-prefix=X-Remote-Extra- \
    --proxy-client-cert-file="$PKI/front-proxy-client.crt" \
    --proxy-client-key-file="$PKI/front-proxy-client.key" \
    --cert-dir="$PKI" --profiling=false
  wait_for kube-apiserver "$API_URL/readyz" "${CURL_ADMIN[@]}" || return 1
  log "kube-apiserver ready after $((SECONDS - T0)) s"

  log "kube-controller-manager on $KCM_URL"
  # --port=0: v1.20 would otherwise serve insecure HTTP on :10252.
  # --flex-volume-plugin-dir: the default makes KCM create /usr/libexec/kubernetes.
  # No kubelet ever heartbeats here: without -nodelifecycle, seeded Nodes would turn NotReady
  # and get the unreachable taint 40 s after they are created (and the apiserver's
  # TaintNodesByCondition plugin is off, or new Nodes would keep their not-ready taint).
  launch kube-controller-manager "$BIN_DIR/kube-controller-manager" \
    --kubeconfig="$STATE_DIR/controller-manager.kubeconfig" \
    --authentication-kubeconfig="$STATE_DIR/controller-manager.kubeconfig" \
    --authorization-kubeconfig="$STATE_DIR/controller-manager.kubeconfig" \
    --bind-address=127.0.0.1 --secure-port="$kcm_port" --port=0 \
    --cert-dir="$STATE_DIR/kcm-certs" \
    --flex-volume-plugin-dir="$STATE_DIR/kcm-flexvolume" \
    --service-account-private-key-file="$PKI/sa.key" \
    --root-ca-file="$PKI/ca.crt" \
    --cluster-signing-cert-file="$PKI/ca.crt" --cluster-signing-key-file="$PKI/ca.key" \
    --use-service-account-credentials=true \
    --controllers='*,-nodelifecycle' \
    --leader-elect=false --profiling=false
  wait_for kube-controller-manager "$KCM_URL/healthz" --insecure || return 1
  # Controllers really work once the SA controller has populated `default`.
  wait_for serviceaccount-controller \
    "$API_URL/api/v1/namespaces/default/serviceaccounts/default" "${CURL_ADMIN[@]}" || return 1
}

on_failure() {
  local name
  for name in etcd kube-apiserver kube-controller-manager; do
    [[ -s $LOGS/$name.log ]] || continue
    log "---- last 25 lines of $LOGS/$name.log ----"
    tail -n 25 "$LOGS/$name.log" >&2
  done
  "$HERE/stop.sh" "$STATE_DIR" >&2 || true
}

rm -rf "$PKI" "$STATE_DIR/env" "$STATE_DIR/admin.kubeconfig" "$STATE_DIR/controller-manager.kubeconfig"
log "generating PKI in $PKI"
make_pki
log "PKI ready after $((SECONDS - T0)) s"

# Interrupted start: do not leave half a control plane behind.
trap 'on_failure; exit 130' INT TERM
attempt=1
while :; do
  DEADLINE=$((SECONDS + READY_TIMEOUT))
  if start_once; then break; fi
  if [[ $FAIL_KIND == port ]] && ((attempt < MAX_ATTEMPTS)); then
    log "port clash; retrying with new ports (attempt $((attempt + 1))/$MAX_ATTEMPTS)"
    "$HERE/stop.sh" "$STATE_DIR" >&2 || true
    attempt=$((attempt + 1))
    continue
  fi
  on_failure
  die "control plane failed to start; logs in $LOGS"
done
trap - INT TERM

cat >"$STATE_DIR/env" <<EOF
KUBECONFIG=$STATE_DIR/admin.kubeconfig
HOMELAB_APISERVER_URL=$API_URL
HOMELAB_LCP_STATE_DIR=$STATE_DIR
HOMELAB_LCP_CA_FILE=$PKI/ca.crt
HOMELAB_LCP_ADMIN_CERT_FILE=$PKI/admin.crt
HOMELAB_LCP_ADMIN_KEY_FILE=$PKI/admin.key
HOMELAB_LCP_ETCD_URL=$ETCD_URL
HOMELAB_LCP_KUBE_VERSION=$("$BIN_DIR/kube-apiserver" --version | awk '{print $2}')
EOF
chmod 644 "$STATE_DIR/env"
log "control plane ready in $((SECONDS - T0)) s: $API_URL (env: $STATE_DIR/env)"
cat "$STATE_DIR/env"
