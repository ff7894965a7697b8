#!/usr/bin/env bash
# Smoke test for a running local control plane: readiness, namespace, a v1
# CRD + custom resource (the reflect2 crash check), status subresource,
# controller-manager (default ServiceAccount), namespace deletion.
#
# Usage: smoke-test.sh STATE_DIR   (after start.sh STATE_DIR)
# Needs kubectl on PATH (any recent client; skew warnings are harmless).
set -euo pipefail

(($# == 1)) || { echo "usage: $0 STATE_DIR" >&2; exit 2; }
export KUBECONFIG=$1/admin.kubeconfig
[[ -f $KUBECONFIG ]] || { echo "no $KUBECONFIG; run start.sh first" >&2; exit 1; }
ns=lcp-smoke-$$
crd=widgets.smoke.homelab.test

step() { printf '+ %s\n' "$*" >&2; "$@"; }

# Wait up to $1 seconds for "$@" (rest) to succeed.
retry() {
  local deadline=$((SECONDS + $1))
  shift
  until "$@" >/dev/null 2>&1; do
    ((SECONDS < deadline)) || { echo "timed out: $*" >&2; return 1; }
    sleep 0.5
  done
}

[[ $(step kubectl get --raw /readyz) == ok ]]
step kubectl create namespace "$ns"
step kubectl apply -f - <<EOF
apiVersion: apiextensions.k8s.io/v1
kind: CustomResourceDefinition
metadata:
  name: $crd
spec:
  group: smoke.homelab.test
  scope: Namespaced
  names: {plural: widgets, singular: widget, kind: Widget}
  versions:
  - name: v1
    served: true
    storage: true
    subresources: {status: {}}
    schema:
      openAPIV3Schema:
        type: object
        properties:
          spec: {type: object, properties: {size: {type: integer}}}
          status: {type: object, properties: {ready: {type: boolean}}}
EOF
step kubectl wait --for=condition=Established "crd/$crd" --timeout=30s
# Under Go >= 1.18 with the original vendored reflect2 1.0.1 this create
# crashed the apiserver (SIGSEGV).
step kubectl apply -n "$ns" -f - <<EOF
apiVersion: smoke.homelab.test/v1
kind: Widget
metadata: {name: w1}
spec: {size: 3}
EOF
[[ $(step kubectl get -n "$ns" widget w1 -o 'jsonpath={.spec.size}') == 3 ]]
# Status subresource (kubectl >= 1.24 for --subresource).
step kubectl patch -n "$ns" widget w1 --subresource=status --type=merge \
  -p '{"status":{"ready":true}}'
[[ $(step kubectl get -n "$ns" widget w1 -o 'jsonpath={.status.ready}') == true ]]
# The ServiceAccount controller (kube-controller-manager) creates this.
step retry 30 kubectl get -n "$ns" serviceaccount default
step kubectl delete namespace "$ns" --timeout=60s
# The namespace controller (kube-controller-manager) finalizes deletion.
step retry 60 bash -c "! kubectl get namespace '$ns'"
step kubectl delete crd "$crd" --timeout=60s
echo "smoke test passed" >&2
