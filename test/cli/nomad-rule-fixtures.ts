// Every file under fixtures/invalid/nomad/, each breaking one of Nomad's validity rules, with the exact
// problems `validate` reports: message, then where.
export const NOMAD_RULE_FIXTURES: Record<string, [message: string, location: string][]> = {
  'action-command-empty.hcl': [
    ['error: command cannot be empty', 'fixtures/invalid/nomad/action-command-empty.hcl:14:19 (job "example" > group "web" > task "server" > action "flush")'],
  ],
  'action-duplicate.hcl': [
    ['error: Action flush defined multiple times', 'fixtures/invalid/nomad/action-duplicate.hcl:17:14 (job "example" > group "web" > task "server" > action "flush")'],
  ],
  'action-name.hcl': [
    ['error: invalid name \'flush cache\'', 'fixtures/invalid/nomad/action-name.hcl:13:14 (job "example" > group "web" > task "server" > action "flush cache")'],
  ],
  'affinity-no-attribute.hcl': [
    ['error: No LTarget provided but is required', 'fixtures/invalid/nomad/affinity-no-attribute.hcl:4:5 (job "example" > group "web" > affinity)'],
  ],
  'affinity-semver-invalid.hcl': [
    ['error: Semver affinity is invalid: Malformed constraint: ~> 1.6', 'fixtures/invalid/nomad/affinity-semver-invalid.hcl:6:19 (job "example" > group "web" > affinity)'],
  ],
  'affinity-set-contains-empty.hcl': [
    ['error: Set contains operators require an RTarget', 'fixtures/invalid/nomad/affinity-set-contains-empty.hcl:4:5 (job "example" > group "web" > affinity)'],
  ],
  'affinity-unknown-operator.hcl': [
    ['error: Unknown affinity operator "distinct_hosts"', 'fixtures/invalid/nomad/affinity-unknown-operator.hcl:6:19 (job "example" > group "web" > affinity)'],
  ],
  'affinity-version-invalid.hcl': [
    ['error: Version affinity is invalid: malformed constraint: newest', 'fixtures/invalid/nomad/affinity-version-invalid.hcl:6:19 (job "example" > group "web" > affinity)'],
  ],
  'affinity-weight-range.hcl': [
    ['error: Affinity weight must be within the range [-100,100]', 'fixtures/invalid/nomad/affinity-weight-range.hcl:7:19 (job "example" > group "web" > affinity)'],
  ],
  'affinity-weight-zero.hcl': [
    ['error: Affinity weight cannot be zero', 'fixtures/invalid/nomad/affinity-weight-zero.hcl:7:19 (job "example" > group "web" > affinity)'],
  ],
  'artifact-checksum-empty.hcl': [
    ['error: checksum value cannot be empty', 'fixtures/invalid/nomad/artifact-checksum-empty.hcl:16:9 (job "example" > group "web" > task "server" > artifact > options)'],
  ],
  'artifact-checksum-format.hcl': [
    ['error: checksum must be given as "type:value"; got "d41d8cd98f00b204e9800998ecf8427e"', 'fixtures/invalid/nomad/artifact-checksum-format.hcl:16:9 (job "example" > group "web" > task "server" > artifact > options)'],
  ],
  'artifact-checksum-hex.hcl': [
    ['error: invalid checksum: encoding/hex: invalid byte: U+006E \'n\'', 'fixtures/invalid/nomad/artifact-checksum-hex.hcl:16:9 (job "example" > group "web" > task "server" > artifact > options)'],
  ],
  'artifact-checksum-length.hcl': [
    ['error: invalid sha256 checksum: d41d8cd98f00b204e9800998ecf8427e', 'fixtures/invalid/nomad/artifact-checksum-length.hcl:16:9 (job "example" > group "web" > task "server" > artifact > options)'],
  ],
  'artifact-checksum-type.hcl': [
    ['error: unsupported checksum type: crc32', 'fixtures/invalid/nomad/artifact-checksum-type.hcl:16:9 (job "example" > group "web" > task "server" > artifact > options)'],
  ],
  'artifact-destination-escapes.hcl': [
    ['error: destination escapes allocation directory', 'fixtures/invalid/nomad/artifact-destination-escapes.hcl:15:23 (job "example" > group "web" > task "server" > artifact)'],
  ],
  'artifact-mode.hcl': [
    ['error: invalid artifact mode "archive"; must be one of: any, file, dir', 'fixtures/invalid/nomad/artifact-mode.hcl:15:18 (job "example" > group "web" > task "server" > artifact)'],
  ],
  'artifact-no-source.hcl': [
    ['error: source must be specified', 'fixtures/invalid/nomad/artifact-no-source.hcl:13:7 (job "example" > group "web" > task "server" > artifact)'],
  ],
  'check-address-mode-auto.hcl': [
    ['error: invalid address_mode "auto" - auto only valid for services', 'fixtures/invalid/nomad/check-address-mode-auto.hcl:16:24 (job "example" > group "web" > service > check)'],
  ],
  'check-address-mode-invalid.hcl': [
    ['error: invalid address_mode "public"', 'fixtures/invalid/nomad/check-address-mode-invalid.hcl:16:24 (job "example" > group "web" > service > check)'],
  ],
  'check-expose-script.hcl': [
    ['error: expose may only be set on HTTP or gRPC checks', 'fixtures/invalid/nomad/check-expose-script.hcl:22:20 (job "example" > group "web" > service > check)'],
  ],
  'check-http-absolute-path.hcl': [
    ['error: http type must have relative http path', 'fixtures/invalid/nomad/check-http-absolute-path.hcl:16:16 (job "example" > group "web" > service > check)'],
  ],
  'check-http-invalid-path.hcl': [
    ['error: http type must have valid http path', 'fixtures/invalid/nomad/check-http-invalid-path.hcl:16:16 (job "example" > group "web" > service > check)'],
  ],
  'check-http-no-path.hcl': [
    ['error: http type must have http path', 'fixtures/invalid/nomad/check-http-no-path.hcl:14:7 (job "example" > group "web" > service > check)'],
  ],
  'check-initial-status.hcl': [
    ['error: invalid initial check state (ok), must be one of "passing", "warning", "critical" or empty', 'fixtures/invalid/nomad/check-initial-status.hcl:16:26 (job "example" > group "web" > service > check)'],
  ],
  'check-interval-missing.hcl': [
    ['error: missing required value interval. Interval cannot be less than 1s', 'fixtures/invalid/nomad/check-interval-missing.hcl:14:7 (job "example" > group "web" > service > check)'],
  ],
  'check-interval-short.hcl': [
    ['error: interval (500ms) cannot be lower than 1s', 'fixtures/invalid/nomad/check-interval-short.hcl:16:20 (job "example" > group "web" > service > check)'],
  ],
  'check-no-port.hcl': [
    ['error: Check service: "web" check invalid: check requires a port but neither check nor service "web" have a port', 'fixtures/invalid/nomad/check-no-port.hcl:13:7 (job "example" > group "web" > service > check)'],
  ],
  'check-notes-long.hcl': [
    ['error: notes must not be longer than 255 characters', 'fixtures/invalid/nomad/check-notes-long.hcl:16:17 (job "example" > group "web" > service > check)'],
  ],
  'check-on-update-invalid.hcl': [
    ['error: on_update must be "require_healthy", "ignore_warnings", or "ignore"; got "skip"', 'fixtures/invalid/nomad/check-on-update-invalid.hcl:16:21 (job "example" > group "web" > service > check)'],
  ],
  'check-restart-grace-negative.hcl': [
    ['error: grace period must be greater than or equal to 0 but found -10000000000', 'fixtures/invalid/nomad/check-restart-grace-negative.hcl:20:19 (job "example" > group "web" > service > check)'],
  ],
  'check-restart-ignore-warnings.hcl': [
    ['error: on_update value "ignore_warnings" not supported with check_restart ignore_warnings value "false"', 'fixtures/invalid/nomad/check-restart-ignore-warnings.hcl:16:21 (job "example" > group "web" > service > check)'],
  ],
  'check-restart-limit-negative.hcl': [
    ['error: limit must be greater than or equal to 0 but found -1', 'fixtures/invalid/nomad/check-restart-limit-negative.hcl:20:19 (job "example" > group "web" > service > check)'],
  ],
  'check-restart-on-update-ignore.hcl': [
    ['error: on_update value "ignore" is not compatible with check_restart', 'fixtures/invalid/nomad/check-restart-on-update-ignore.hcl:16:21 (job "example" > group "web" > service > check)'],
  ],
  'check-script-no-command.hcl': [
    ['error: script type must have a valid script path', 'fixtures/invalid/nomad/check-script-no-command.hcl:14:7 (job "example" > group "web" > service > check)'],
  ],
  'check-success-before-passing-script.hcl': [
    ['error: success_before_passing not supported for check of type "script"', 'fixtures/invalid/nomad/check-success-before-passing-script.hcl:18:34 (job "example" > group "web" > service > check)'],
  ],
  'check-timeout-missing.hcl': [
    ['error: missing required value timeout. Timeout cannot be less than 1s', 'fixtures/invalid/nomad/check-timeout-missing.hcl:14:7 (job "example" > group "web" > service > check)'],
  ],
  'check-timeout-short.hcl': [
    ['error: timeout (100ms) is lower than required minimum timeout 1s', 'fixtures/invalid/nomad/check-timeout-short.hcl:17:20 (job "example" > group "web" > service > check)'],
  ],
  'check-type-invalid.hcl': [
    ['error: invalid check type ("ping"), must be one of grpc, tcp, http, script', 'fixtures/invalid/nomad/check-type-invalid.hcl:15:16 (job "example" > group "web" > service > check)'],
  ],
  'cni-arg-duplicate.hcl': [
    ['error: duplicate CNI arg "IgnoreUnknown"', 'fixtures/invalid/nomad/cni-arg-duplicate.hcl:16:16 (job "example" > group "web" > network > cni)'],
  ],
  'cni-arg-semicolon.hcl': [
    ['error: invalid \';\' character in CNI arg value "a;b"', 'fixtures/invalid/nomad/cni-arg-semicolon.hcl:8:16 (job "example" > group "web" > network > cni)'],
  ],
  'connect-exclusive.hcl': [
    ['error: Consul Connect must be exclusively native, make use of a sidecar, or represent a Gateway', 'fixtures/invalid/nomad/connect-exclusive.hcl:14:7 (job "example" > group "web" > service > connect)'],
  ],
  'connect-mesh-no-port.hcl': [
    ['error: service.port must be set for mesh gateway service', 'fixtures/invalid/nomad/connect-mesh-no-port.hcl:10:5 (job "example" > group "web" > service)'],
  ],
  'connect-native-ambiguous.hcl': [
    ['error: task for Consul Connect Native service web->web is ambiguous and must be set', 'fixtures/invalid/nomad/connect-native-ambiguous.hcl:10:5 (job "example" > group "web" > service)'],
  ],
  'connect-native-task-missing.hcl': [
    ['error: task api named by Consul Connect Native service web->web does not exist', 'fixtures/invalid/nomad/connect-native-task-missing.hcl:13:14 (job "example" > group "web" > service)'],
  ],
  'connect-proxy-kind-leader.hcl': [
    ['error: Connect proxy task must not have leader set', 'fixtures/invalid/nomad/connect-proxy-kind-leader.hcl:29:16 (job "example" > group "web" > task "server")'],
  ],
  'connect-proxy-kind-no-service.hcl': [
    ['error: No Connect services in task group with Connect proxy ("web")', 'fixtures/invalid/nomad/connect-proxy-kind-no-service.hcl:13:14 (job "example" > group "web" > task "server")'],
  ],
  'connect-proxy-kind-service.hcl': [
    ['error: Connect proxy task must not have a service block', 'fixtures/invalid/nomad/connect-proxy-kind-service.hcl:28:24 (job "example" > group "web" > task "server")'],
  ],
  'connect-sidecar-network-mode.hcl': [
    ['error: connect sidecar: invalid network mode for Consul Connect: group "web" uses network mode "host"; must be "bridge" or "cni/*"', 'fixtures/invalid/nomad/connect-sidecar-network-mode.hcl:14:7 (job "example" > group "web" > service > connect)'],
  ],
  'connect-sidecar-port-label.hcl': [
    ['error: Port label envoy already in use by taskgroup network', 'fixtures/invalid/nomad/connect-sidecar-port-label.hcl:14:5 (job "example" > group "web" > service)'],
  ],
  'connect-sidecar-uppercase-group.hcl': [
    ['error: Consul Connect group "Web" with service "web" must not contain uppercase characters', 'fixtures/invalid/nomad/connect-sidecar-uppercase-group.hcl:14:7 (job "example" > group "Web" > service > connect)'],
  ],
  'connect-sidecar-uppercase-service.hcl': [
    ['error: Consul Connect service name "Web" in group "web" must not contain uppercase characters', 'fixtures/invalid/nomad/connect-sidecar-uppercase-service.hcl:14:7 (job "example" > group "web" > service > connect)'],
  ],
  'connect-tproxy-cidr.hcl': [
    ['error: could not parse transparent proxy excluded outbound CIDR as network prefix: netip.ParsePrefix("10.0.0.0"): no \'/\'', 'fixtures/invalid/nomad/connect-tproxy-cidr.hcl:18:40 (job "example" > group "web" > service > connect > sidecar_service > proxy > transparent_proxy)'],
  ],
  'connect-tproxy-dns.hcl': [
    ['error: Consul Connect transparent proxy cannot be used with network.dns unless no_dns=true', 'fixtures/invalid/nomad/connect-tproxy-dns.hcl:21:13 (job "example" > group "web" > service > connect > sidecar_service > proxy > transparent_proxy)'],
  ],
  'connect-tproxy-inbound-port.hcl': [
    ['error: Consul Connect transparent proxy port "metrics" must be numeric or one of network.port labels', 'fixtures/invalid/nomad/connect-tproxy-inbound-port.hcl:18:39 (job "example" > group "web" > service > connect > sidecar_service > proxy > transparent_proxy)'],
  ],
  'connect-tproxy-one-connect.hcl': [
    ['error: Consul Connect transparent proxy requires there is only one connect block', 'fixtures/invalid/nomad/connect-tproxy-one-connect.hcl:17:13 (job "example" > group "web" > service > connect > sidecar_service > proxy > transparent_proxy)'],
  ],
  'connect-tproxy-uid.hcl': [
    ['error: transparent proxy block has invalid UID field: invalid user ID "envoy": invalid syntax', 'fixtures/invalid/nomad/connect-tproxy-uid.hcl:18:21 (job "example" > group "web" > service > connect > sidecar_service > proxy > transparent_proxy)'],
  ],
  'connect-upstreams-same-address.hcl': [
    ['error: Consul Connect services "web" and "web" in group "web" using same address for upstreams (:5432)', 'fixtures/invalid/nomad/connect-upstreams-same-address.hcl:22:13 (job "example" > group "web" > service > connect > sidecar_service > proxy > upstreams)'],
  ],
  'constraint-attribute-brace.hcl': [
    ['error: attribute "${attr.kernel.name" is missing a closing brace', 'fixtures/invalid/nomad/constraint-attribute-brace.hcl:5:19 (job "example" > group "web" > constraint)'],
  ],
  'constraint-attribute-unsupported.hcl': [
    ['error: unsupported attribute "${env.HOME}"', 'fixtures/invalid/nomad/constraint-attribute-unsupported.hcl:5:19 (job "example" > group "web" > constraint)'],
  ],
  'constraint-distinct-property-count.hcl': [
    ['error: Failed to convert RTarget "two" to uint64: strconv.ParseUint: parsing "two": invalid syntax', 'fixtures/invalid/nomad/constraint-distinct-property-count.hcl:6:27 (job "example" > group "web" > constraint)'],
  ],
  'constraint-distinct-property-zero.hcl': [
    ['error: Distinct Property must have an allowed count of 1 or greater: 0 < 1', 'fixtures/invalid/nomad/constraint-distinct-property-zero.hcl:6:27 (job "example" > group "web" > constraint)'],
  ],
  'constraint-is-set-value.hcl': [
    ['error: Operator "is_set" does not support an RTarget', 'fixtures/invalid/nomad/constraint-is-set-value.hcl:7:19 (job "example" > group "web" > constraint)'],
  ],
  'constraint-needs-value.hcl': [
    ['error: Operator "!=" requires an RTarget', 'fixtures/invalid/nomad/constraint-needs-value.hcl:4:5 (job "example" > group "web" > constraint)'],
  ],
  'constraint-no-attribute.hcl': [
    ['error: no attribute provided but is required by operator', 'fixtures/invalid/nomad/constraint-no-attribute.hcl:4:5 (job "example" > group "web" > constraint)'],
  ],
  'constraint-regexp-invalid.hcl': [
    ['error: Regular expression failed to compile: error parsing regexp: missing closing ): `(free`', 'fixtures/invalid/nomad/constraint-regexp-invalid.hcl:6:19 (job "example" > group "web" > constraint)'],
  ],
  'constraint-semver-invalid.hcl': [
    ['error: Semver constraint is invalid: Malformed constraint: ~> 1.6.0', 'fixtures/invalid/nomad/constraint-semver-invalid.hcl:6:19 (job "example" > group "web" > constraint)'],
  ],
  'constraint-set-contains-empty.hcl': [
    ['error: Set contains constraint requires an RTarget', 'fixtures/invalid/nomad/constraint-set-contains-empty.hcl:4:5 (job "example" > group "web" > constraint)'],
  ],
  'constraint-task-distinct-hosts.hcl': [
    ['error: Constraint 1 has disallowed Operand at task level: distinct_hosts', 'fixtures/invalid/nomad/constraint-task-distinct-hosts.hcl:14:26 (job "example" > group "web" > task "server" > constraint)'],
  ],
  'constraint-unknown-operator.hcl': [
    ['error: Unknown constraint type "like"', 'fixtures/invalid/nomad/constraint-unknown-operator.hcl:6:19 (job "example" > group "web" > constraint)'],
  ],
  'constraint-version-invalid.hcl': [
    ['error: Version constraint is invalid: malformed constraint: >= one.two', 'fixtures/invalid/nomad/constraint-version-invalid.hcl:6:19 (job "example" > group "web" > constraint)'],
  ],
  'consul-partition-mismatch.hcl': [
    ['error: task.consul.partition "green" must match group.consul.partition "blue" if both are set', 'fixtures/invalid/nomad/consul-partition-mismatch.hcl:18:21 (job "example" > group "web" > task "server" > consul)'],
  ],
  'csi-plugin-id.hcl': [
    ['error: CSIPluginConfig must have a non-empty PluginID', 'fixtures/invalid/nomad/csi-plugin-id.hcl:13:7 (job "example" > group "web" > task "server" > csi_plugin)'],
  ],
  'csi-plugin-stage-dir.hcl': [
    ['error: CSIPluginConfig StagePublishBaseDir must not be a subdirectory of MountDir, got: StagePublishBaseDir="/csi/stage" MountDir="/csi"', 'fixtures/invalid/nomad/csi-plugin-stage-dir.hcl:17:34 (job "example" > group "web" > task "server" > csi_plugin)'],
  ],
  'csi-plugin-type.hcl': [
    ['error: CSIPluginConfig PluginType must be one of \'node\', \'controller\', or \'monolith\', got: "agent"', 'fixtures/invalid/nomad/csi-plugin-type.hcl:15:21 (job "example" > group "web" > task "server" > csi_plugin)'],
  ],
  'csi-volume-access-missing.hcl': [
    ['error: CSI volumes must have an access mode', 'fixtures/invalid/nomad/csi-volume-access-missing.hcl:4:12 (job "example" > group "web" > volume "data")'],
  ],
  'csi-volume-attachment-missing.hcl': [
    ['error: CSI volumes must have an attachment mode', 'fixtures/invalid/nomad/csi-volume-attachment-missing.hcl:4:12 (job "example" > group "web" > volume "data")'],
  ],
  'csi-volume-block-options.hcl': [
    ['error: block devices cannot have mount options', 'fixtures/invalid/nomad/csi-volume-block-options.hcl:10:7 (job "example" > group "web" > volume "data" > mount_options)'],
  ],
  'csi-volume-multi-reader-writable.hcl': [
    ['error: multi-node-reader-only volumes must be read-only', 'fixtures/invalid/nomad/csi-volume-multi-reader-writable.hcl:4:12 (job "example" > group "web" > volume "data")'],
  ],
  'csi-volume-one-reader.hcl': [
    ['error: volume with single-node-reader-only access mode allows only one reader', 'fixtures/invalid/nomad/csi-volume-one-reader.hcl:8:25 (job "example" > group "web" > volume "data")'],
  ],
  'csi-volume-one-writer.hcl': [
    ['error: volume with single-node-writer access mode allows only one reader or writer', 'fixtures/invalid/nomad/csi-volume-one-writer.hcl:7:25 (job "example" > group "web" > volume "data")'],
  ],
  'csi-volume-single-writer.hcl': [
    ['error: volume with multi-node-single-writer access mode allows only one writer', 'fixtures/invalid/nomad/csi-volume-single-writer.hcl:7:25 (job "example" > group "web" > volume "data")'],
  ],
  'device-constraint-distinct.hcl': [
    ['error: using unsupported operand "distinct_hosts"', 'fixtures/invalid/nomad/device-constraint-distinct.hcl:16:30 (job "example" > group "web" > task "server" > resources > device "nvidia/gpu" > constraint)'],
  ],
  'disconnect-lost-and-stop.hcl': [
    ['error: Disconnect cannot be configured with both lost_after and stop_after', 'fixtures/invalid/nomad/disconnect-lost-and-stop.hcl:5:30 (job "example" > group "web" > disconnect)'],
  ],
  'disconnect-lost-negative.hcl': [
    ['error: lost_after cannot be a negative duration', 'fixtures/invalid/nomad/disconnect-lost-negative.hcl:5:20 (job "example" > group "web" > disconnect)'],
  ],
  'disconnect-reconcile.hcl': [
    ['error: reconcile option is invalid: newest', 'fixtures/invalid/nomad/disconnect-reconcile.hcl:6:20 (job "example" > group "web" > disconnect)'],
  ],
  'disconnect-stop-negative.hcl': [
    ['error: stop_after cannot be a negative duration', 'fixtures/invalid/nomad/disconnect-stop-negative.hcl:5:30 (job "example" > group "web" > disconnect)'],
  ],
  'disconnect-stop-system.hcl': [
    ['error: stop_after can only be used with service or batch job types', 'fixtures/invalid/nomad/disconnect-stop-system.hcl:7:30 (job "example" > group "web" > disconnect)'],
  ],
  'dispatch-payload-escapes.hcl': [
    ['error: destination escapes allocation directory', 'fixtures/invalid/nomad/dispatch-payload-escapes.hcl:20:16 (job "example" > group "web" > task "server" > dispatch_payload)'],
  ],
  'ephemeral-disk-small.hcl': [
    ['error: minimum DiskMB value is 10; got 5', 'fixtures/invalid/nomad/ephemeral-disk-small.hcl:5:14 (job "example" > group "web" > ephemeral_disk)'],
    ['error: log storage (100 MB) must be less than requested disk capacity (5 MB)', 'fixtures/invalid/nomad/ephemeral-disk-small.hcl:5:14 (job "example" > group "web" > ephemeral_disk)'],
  ],
  'expose-local-port.hcl': [
    ['error: unable to determine local service port for service check web->web->service: "web" check', 'fixtures/invalid/nomad/expose-local-port.hcl:21:20 (job "example" > group "web" > service > check)'],
  ],
  'expose-network-mode.hcl': [
    ['error: connect sidecar: must have exactly one network for Consul Connect: group "web" has 2 networks', 'fixtures/invalid/nomad/expose-network-mode.hcl:22:7 (job "example" > group "web" > service > connect)'],
    ['error: connect expose check: must have exactly one network for Consul Connect: group "web" has 2 networks', 'fixtures/invalid/nomad/expose-network-mode.hcl:17:20 (job "example" > group "web" > service > check)'],
  ],
  'expose-no-sidecar.hcl': [
    ['error: exposed service check web->web->service: "web" check requires use of sidecar_proxy', 'fixtures/invalid/nomad/expose-no-sidecar.hcl:17:20 (job "example" > group "web" > service > check)'],
  ],
  'expose-task-service.hcl': [
    ['error: exposed service check web[server]->web->service: "web" check is not a task-group service', 'fixtures/invalid/nomad/expose-task-service.hcl:28:22 (job "example" > group "web" > task "server" > service > check)'],
  ],
  'gateway-bind-address-empty.hcl': [
    ['error: Consul Gateway Bind Address must be set', 'fixtures/invalid/nomad/gateway-bind-address-empty.hcl:17:42 (job "example" > group "web" > service > connect > gateway > proxy > envoy_gateway_bind_addresses "api")'],
  ],
  'gateway-bind-port.hcl': [
    ['error: Consul Gateway Bind Address must set valid Port', 'fixtures/invalid/nomad/gateway-bind-port.hcl:17:42 (job "example" > group "web" > service > connect > gateway > proxy > envoy_gateway_bind_addresses "api")'],
  ],
  'gateway-dns-type.hcl': [
    ['error: Consul Gateway Proxy Envoy DNS Discovery type must be STRICT_DNS or LOGICAL_DNS', 'fixtures/invalid/nomad/gateway-dns-type.hcl:17:40 (job "example" > group "web" > service > connect > gateway > proxy)'],
  ],
  'gateway-two-kinds.hcl': [
    ['error: One Consul Gateway Configuration must be set', 'fixtures/invalid/nomad/gateway-two-kinds.hcl:15:9 (job "example" > group "web" > service > connect > gateway)'],
  ],
  'group-check-driver-mode.hcl': [
    ['error: Check "web" invalid: cannot use address_mode="driver", only checks defined in a "task" service block can use this mode', 'fixtures/invalid/nomad/group-check-driver-mode.hcl:17:24 (job "example" > group "web" > service > check)'],
  ],
  'group-check-unknown-task.hcl': [
    ['error: Check service: "web" check invalid: refers to non-existent task api', 'fixtures/invalid/nomad/group-check-unknown-task.hcl:16:20 (job "example" > group "web" > service > check)'],
  ],
  'group-count-negative.hcl': [
    ['error: Task group count can\'t be negative', 'fixtures/invalid/nomad/group-count-negative.hcl:4:13 (job "example" > group "web")'],
  ],
  'group-gateway-without-network.hcl': [
    ['error: connect gateway: must have exactly one network for Consul Connect: group "ingress" has 0 networks', 'fixtures/invalid/nomad/group-gateway-without-network.hcl:11:7 (job "example" > group "ingress" > service > connect)'],
    ['error: Missing tasks for task group', 'fixtures/invalid/nomad/group-gateway-without-network.hcl:4:9 (job "example" > group "ingress")'],
  ],
  'group-no-tasks.hcl': [
    ['error: Missing tasks for task group', 'fixtures/invalid/nomad/group-no-tasks.hcl:3:9 (job "example" > group "web")'],
  ],
  'group-script-check-no-task.hcl': [
    ['error: Service [web]->web or Check service: "web" check must specify task parameter', 'fixtures/invalid/nomad/group-script-check-no-task.hcl:15:20 (job "example" > group "web" > service > check)'],
  ],
  'group-service-driver-mode.hcl': [
    ['error: service "web" cannot use address_mode="driver", only services defined in a "task" block can use this mode', 'fixtures/invalid/nomad/group-service-driver-mode.hcl:13:22 (job "example" > group "web" > service)'],
  ],
  'group-shutdown-delay-negative.hcl': [
    ['error: ShutdownDelay must be a positive value', 'fixtures/invalid/nomad/group-shutdown-delay-negative.hcl:4:22 (job "example" > group "web")'],
  ],
  'host-volume-access-mode.hcl': [
    ['error: host volumes cannot be mounted with multi-node-multi-writer access mode', 'fixtures/invalid/nomad/host-volume-access-mode.hcl:7:21 (job "example" > group "web" > volume "data")'],
  ],
  'host-volume-mount-options.hcl': [
    ['error: host volumes cannot have mount options', 'fixtures/invalid/nomad/host-volume-mount-options.hcl:8:7 (job "example" > group "web" > volume "data" > mount_options)'],
  ],
  'host-volume-reader-writable.hcl': [
    ['error: single-node-reader-only volumes must be read-only', 'fixtures/invalid/nomad/host-volume-reader-writable.hcl:4:12 (job "example" > group "web" > volume "data")'],
  ],
  'identity-audience-empty.hcl': [
    ['error: an empty string is an invalid audience (1)', 'fixtures/invalid/nomad/identity-audience-empty.hcl:15:16 (job "example" > group "web" > task "server" > identity)'],
  ],
  'identity-change-mode.hcl': [
    ['error: invalid change_mode: reload', 'fixtures/invalid/nomad/identity-change-mode.hcl:17:23 (job "example" > group "web" > task "server" > identity)'],
  ],
  'identity-default-ttl.hcl': [
    ['error: ttl for default identity not yet supported', 'fixtures/invalid/nomad/identity-default-ttl.hcl:15:15 (job "example" > group "web" > task "server" > identity)'],
  ],
  'identity-duplicate-default.hcl': [
    ['error: Duplicate default identities found', 'fixtures/invalid/nomad/identity-duplicate-default.hcl:17:7 (job "example" > group "web" > task "server" > identity)'],
  ],
  'identity-filepath.hcl': [
    ['error: file parameter must be true in order to specify filepath', 'fixtures/invalid/nomad/identity-filepath.hcl:17:20 (job "example" > group "web" > task "server" > identity)'],
  ],
  'identity-name.hcl': [
    ['error: invalid name "my identity". Must match regex ^[a-zA-Z0-9-_]{1,128}$', 'fixtures/invalid/nomad/identity-name.hcl:14:16 (job "example" > group "web" > task "server" > identity)'],
  ],
  'identity-signal-missing.hcl': [
    ['error: change_signal must be specified when using change_mode="signal"', 'fixtures/invalid/nomad/identity-signal-missing.hcl:13:7 (job "example" > group "web" > task "server" > identity)'],
  ],
  'identity-signal-without-mode.hcl': [
    ['error: can only use change_signal="SIGHUP" with change_mode="signal"', 'fixtures/invalid/nomad/identity-signal-without-mode.hcl:17:25 (job "example" > group "web" > task "server" > identity)'],
  ],
  'identity-ttl-negative.hcl': [
    ['error: ttl must be >= 0', 'fixtures/invalid/nomad/identity-ttl-negative.hcl:16:16 (job "example" > group "web" > task "server" > identity)'],
  ],
  'ingress-listener-port.hcl': [
    ['error: Consul Ingress Listener requires valid Port', 'fixtures/invalid/nomad/ingress-listener-port.hcl:17:13 (job "example" > group "web" > service > connect > gateway > ingress > listener)'],
  ],
  'ingress-no-listener.hcl': [
    ['error: Consul Ingress Gateway requires at least one listener', 'fixtures/invalid/nomad/ingress-no-listener.hcl:16:11 (job "example" > group "web" > service > connect > gateway > ingress)'],
  ],
  'ingress-no-services.hcl': [
    ['error: Consul Ingress Listener requires one or more services', 'fixtures/invalid/nomad/ingress-no-services.hcl:17:13 (job "example" > group "web" > service > connect > gateway > ingress > listener)'],
  ],
  'ingress-protocol.hcl': [
    ['error: Consul Ingress Listener requires protocol of tcp, http, http2, grpc, got "udp"', 'fixtures/invalid/nomad/ingress-protocol.hcl:19:26 (job "example" > group "web" > service > connect > gateway > ingress > listener)'],
  ],
  'ingress-service-no-name.hcl': [
    ['error: Consul Ingress Service requires a name', 'fixtures/invalid/nomad/ingress-service-no-name.hcl:20:15 (job "example" > group "web" > service > connect > gateway > ingress > listener > service)'],
  ],
  'ingress-tcp-hosts.hcl': [
    ['error: Consul Ingress Service doesn\'t support associating hosts to a service for the "tcp" protocol', 'fixtures/invalid/nomad/ingress-tcp-hosts.hcl:20:15 (job "example" > group "web" > service > connect > gateway > ingress > listener > service)'],
  ],
  'ingress-tcp-wildcard.hcl': [
    ['error: Consul Ingress Service doesn\'t support wildcard name for "tcp" protocol', 'fixtures/invalid/nomad/ingress-tcp-wildcard.hcl:20:15 (job "example" > group "web" > service > connect > gateway > ingress > listener > service)'],
  ],
  'ingress-wildcard-hosts.hcl': [
    ['error: Consul Ingress Service with a wildcard "*" service name can not also specify hosts', 'fixtures/invalid/nomad/ingress-wildcard-hosts.hcl:21:15 (job "example" > group "web" > service > connect > gateway > ingress > listener > service)'],
  ],
  'job-datacenter-empty.hcl': [
    ['error: Job datacenter must be non-empty string', 'fixtures/invalid/nomad/job-datacenter-empty.hcl:3:17 (job "example")'],
  ],
  'job-id-space.hcl': [
    ['error: Job ID contains a space', 'fixtures/invalid/nomad/job-id-space.hcl:2:5 (job "my web")'],
  ],
  'job-name-empty.hcl': [
    ['error: Missing job name', 'fixtures/invalid/nomad/job-name-empty.hcl:3:10 (job "example")'],
  ],
  'job-no-groups.hcl': [
    ['error: Missing job task groups', 'fixtures/invalid/nomad/job-no-groups.hcl:2:5 (job "example")'],
  ],
  'job-priority-negative.hcl': [
    ['error: job priority must be between [1, 100]', 'fixtures/invalid/nomad/job-priority-negative.hcl:3:14 (job "example")'],
  ],
  'job-region-empty.hcl': [
    ['error: Missing job region', 'fixtures/invalid/nomad/job-region-empty.hcl:3:12 (job "example")'],
  ],
  'job-system-affinity.hcl': [
    ['error: System jobs may not have an affinity block', 'fixtures/invalid/nomad/job-system-affinity.hcl:5:3 (job "example")'],
  ],
  'job-system-spread.hcl': [
    ['error: System jobs may not have a spread block', 'fixtures/invalid/nomad/job-system-spread.hcl:5:3 (job "example")'],
  ],
  'job-type-core.hcl': [
    ['error: job type cannot be core', 'fixtures/invalid/nomad/job-type-core.hcl:3:10 (job "example")'],
  ],
  'job-type-empty.hcl': [
    ['error: Missing job type', 'fixtures/invalid/nomad/job-type-empty.hcl:3:10 (job "example")'],
  ],
  'job-type-invalid.hcl': [
    ['error: Invalid job type: "services"', 'fixtures/invalid/nomad/job-type-invalid.hcl:3:10 (job "example")'],
  ],
  'job-ui-description-long.hcl': [
    ['error: UI description must be under 1000 characters, currently 1010', 'fixtures/invalid/nomad/job-ui-description-long.hcl:4:19 (job "example" > ui)'],
  ],
  'lifecycle-hook.hcl': [
    ['error: invalid hook: prerun', 'fixtures/invalid/nomad/lifecycle-hook.hcl:14:16 (job "example" > group "web" > task "server" > lifecycle)'],
  ],
  'linked-service-cert-no-ca.hcl': [
    ['error: Consul Linked Service TLS requires CAFile', 'fixtures/invalid/nomad/linked-service-cert-no-ca.hcl:16:13 (job "example" > group "web" > service > connect > gateway > terminating > service)'],
  ],
  'linked-service-cert-no-key.hcl': [
    ['error: Consul Linked Service TLS Cert and Key must both be set', 'fixtures/invalid/nomad/linked-service-cert-no-key.hcl:16:13 (job "example" > group "web" > service > connect > gateway > terminating > service)'],
  ],
  'linked-service-no-name.hcl': [
    ['error: Consul Linked Service requires Name', 'fixtures/invalid/nomad/linked-service-no-name.hcl:16:13 (job "example" > group "web" > service > connect > gateway > terminating > service)'],
  ],
  'linked-service-sni-no-ca.hcl': [
    ['error: Consul Linked Service TLS SNI requires CAFile', 'fixtures/invalid/nomad/linked-service-sni-no-ca.hcl:16:13 (job "example" > group "web" > service > connect > gateway > terminating > service)'],
  ],
  'logs-files-min.hcl': [
    ['error: minimum number of files is 1; got 0', 'fixtures/invalid/nomad/logs-files-min.hcl:14:21 (job "example" > group "web" > task "server" > logs)'],
  ],
  'logs-over-disk.hcl': [
    ['error: log storage (50 MB) must be less than requested disk capacity (50 MB)', 'fixtures/invalid/nomad/logs-over-disk.hcl:19:25 (job "example" > group "web" > task "server" > logs)'],
  ],
  'logs-size-min.hcl': [
    ['error: minimum file size is 1MB; got 0', 'fixtures/invalid/nomad/logs-size-min.hcl:14:25 (job "example" > group "web" > task "server" > logs)'],
  ],
  'max-run-duration-service.hcl': [
    ['error: Job type "service" does not allow max_run_duration', 'fixtures/invalid/nomad/max-run-duration-service.hcl:4:24 (job "example" > group "web")'],
  ],
  'max-run-duration-zero.hcl': [
    ['error: MaxRunDuration must be greater than zero', 'fixtures/invalid/nomad/max-run-duration-zero.hcl:6:24 (job "example" > group "web")'],
  ],
  'migrate-batch.hcl': [
    ['error: Job type "batch" does not allow migrate block', 'fixtures/invalid/nomad/migrate-batch.hcl:6:5 (job "example" > group "web" > migrate)'],
  ],
  'migrate-deadline-negative.hcl': [
    ['error: MinHealthyTime is -2s and must be >= 0', 'fixtures/invalid/nomad/migrate-deadline-negative.hcl:6:26 (job "example" > group "web" > migrate)'],
    ['error: HealthyDeadline is -1s and must be >= 0', 'fixtures/invalid/nomad/migrate-deadline-negative.hcl:5:26 (job "example" > group "web" > migrate)'],
  ],
  'migrate-health-check-empty.hcl': [
    ['error: Missing HealthCheck', 'fixtures/invalid/nomad/migrate-health-check-empty.hcl:5:22 (job "example" > group "web" > migrate)'],
  ],
  'migrate-health-check-invalid.hcl': [
    ['error: Invalid HealthCheck: "manual"', 'fixtures/invalid/nomad/migrate-health-check-invalid.hcl:5:22 (job "example" > group "web" > migrate)'],
  ],
  'migrate-max-parallel-negative.hcl': [
    ['error: MaxParallel must be >= 0 but found -1', 'fixtures/invalid/nomad/migrate-max-parallel-negative.hcl:5:22 (job "example" > group "web" > migrate)'],
  ],
  'migrate-min-healthy-negative.hcl': [
    ['error: MinHealthyTime is -1s and must be >= 0', 'fixtures/invalid/nomad/migrate-min-healthy-negative.hcl:5:26 (job "example" > group "web" > migrate)'],
  ],
  'migrate-min-over-deadline.hcl': [
    ['error: MinHealthyTime must be less than HealthyDeadline', 'fixtures/invalid/nomad/migrate-min-over-deadline.hcl:5:26 (job "example" > group "web" > migrate)'],
  ],
  'network-hostname.hcl': [
    ['error: Hostname is not a valid DNS name', 'fixtures/invalid/nomad/network-hostname.hcl:6:18 (job "example" > group "web" > network)'],
  ],
  'nomad-check-driver-mode.hcl': [
    ['error: address_mode = driver may only be set for Consul service checks', 'fixtures/invalid/nomad/nomad-check-driver-mode.hcl:18:24 (job "example" > group "web" > service > check)'],
  ],
  'nomad-check-expose.hcl': [
    ['error: connect expose check: invalid network mode for Consul Connect: group "web" uses network mode ""; must be "bridge" or "cni/*"', 'fixtures/invalid/nomad/nomad-check-expose.hcl:18:18 (job "example" > group "web" > service > check)'],
    ['error: expose may only be set for Consul service checks', 'fixtures/invalid/nomad/nomad-check-expose.hcl:18:18 (job "example" > group "web" > service > check)'],
  ],
  'nomad-check-failures-before-critical.hcl': [
    ['error: failures_before_critical may only be set for Consul service checks', 'fixtures/invalid/nomad/nomad-check-failures-before-critical.hcl:17:36 (job "example" > group "web" > service > check)'],
  ],
  'nomad-check-failures-before-warning.hcl': [
    ['error: failures_before_warning may only be set for Consul service checks', 'fixtures/invalid/nomad/nomad-check-failures-before-warning.hcl:17:35 (job "example" > group "web" > service > check)'],
  ],
  'nomad-check-method.hcl': [
    ['error: method type "FETCH" not supported in Nomad http check', 'fixtures/invalid/nomad/nomad-check-method.hcl:18:18 (job "example" > group "web" > service > check)'],
  ],
  'nomad-check-on-update.hcl': [
    ['error: on_update may only be set to ignore_warnings for Consul service checks', 'fixtures/invalid/nomad/nomad-check-on-update.hcl:17:21 (job "example" > group "web" > service > check)'],
  ],
  'nomad-check-restart-ignore-warnings.hcl': [
    ['error: ignore_warnings on check_restart only supported for Consul service checks', 'fixtures/invalid/nomad/nomad-check-restart-ignore-warnings.hcl:15:7 (job "example" > group "web" > service > check)'],
  ],
  'nomad-check-success-before-passing.hcl': [
    ['error: success_before_passing may only be set for Consul service checks', 'fixtures/invalid/nomad/nomad-check-success-before-passing.hcl:17:34 (job "example" > group "web" > service > check)'],
  ],
  'nomad-check-tls-server-name.hcl': [
    ['error: tls_server_name may only be set for Consul service checks', 'fixtures/invalid/nomad/nomad-check-tls-server-name.hcl:19:27 (job "example" > group "web" > service > check)'],
  ],
  'parameterized-meta-overlap.hcl': [
    ['error: Required and optional meta keys should be disjoint. Following keys exist in both: [customer]', 'fixtures/invalid/nomad/parameterized-meta-overlap.hcl:7:21 (job "example" > parameterized)'],
  ],
  'parameterized-payload.hcl': [
    ['error: Unknown payload requirement: "maybe"', 'fixtures/invalid/nomad/parameterized-payload.hcl:6:15 (job "example" > parameterized)'],
  ],
  'parameterized-service-job.hcl': [
    ['error: Parameterized job can only be used with "batch" or "sysbatch" scheduler', 'fixtures/invalid/nomad/parameterized-service-job.hcl:3:3 (job "example" > parameterized)'],
  ],
  'periodic-cron-and-crons.hcl': [
    ['error: Only cron or crons may be used', 'fixtures/invalid/nomad/periodic-cron-and-crons.hcl:7:13 (job "example" > periodic)'],
    ['warning: cron is deprecated and may be removed in a future release. Use crons instead', 'fixtures/invalid/nomad/periodic-cron-and-crons.hcl:6:13 (job "example" > periodic)'],
  ],
  'periodic-cron-invalid.hcl': [
    ['error: Invalid cron spec "*/15 * * *": missing field(s)', 'fixtures/invalid/nomad/periodic-cron-invalid.hcl:6:13 (job "example" > periodic)'],
  ],
  'periodic-no-spec.hcl': [
    ['error: Must specify a spec', 'fixtures/invalid/nomad/periodic-no-spec.hcl:5:3 (job "example" > periodic)'],
  ],
  'periodic-service-job.hcl': [
    ['error: Periodic can only be used with "batch" or "sysbatch" scheduler', 'fixtures/invalid/nomad/periodic-service-job.hcl:3:3 (job "example" > periodic)'],
  ],
  'periodic-time-zone.hcl': [
    ['error: Invalid time zone "Europe/Atlantis": unknown time zone Europe/Atlantis', 'fixtures/invalid/nomad/periodic-time-zone.hcl:7:17 (job "example" > periodic)'],
  ],
  'port-ignore-collision-bridge.hcl': [
    ['error: Port "dns" collision may not be ignored on non-host network mode "bridge"', 'fixtures/invalid/nomad/port-ignore-collision-bridge.hcl:9:28 (job "example" > group "web" > network > port "dns")'],
  ],
  'port-label-duplicate.hcl': [
    ['error: Port label http already in use by taskgroup network', 'fixtures/invalid/nomad/port-label-duplicate.hcl:5:12 (job "example" > group "web" > network > port "http")'],
  ],
  'port-to-negative.hcl': [
    ['error: Port "http" cannot be mapped to negative value -2', 'fixtures/invalid/nomad/port-to-negative.hcl:6:14 (job "example" > group "web" > network > port "http")'],
  ],
  'port-to-too-big.hcl': [
    ['error: Port "http" cannot be mapped to a port (65536) greater than 65535', 'fixtures/invalid/nomad/port-to-too-big.hcl:6:14 (job "example" > group "web" > network > port "http")'],
  ],
  'port-too-big.hcl': [
    ['error: Port http (70000) cannot be greater than 65535', 'fixtures/invalid/nomad/port-too-big.hcl:6:18 (job "example" > group "web" > network > port "http")'],
  ],
  'reschedule-delay-function.hcl': [
    ['error: Invalid delay function "linear", must be one of ["constant" "exponential" "fibonacci"]', 'fixtures/invalid/nomad/reschedule-delay-function.hcl:5:24 (job "example" > group "web" > reschedule)'],
  ],
  'reschedule-delay-short.hcl': [
    ['error: Delay cannot be less than 5s (got 2s)', 'fixtures/invalid/nomad/reschedule-delay-short.hcl:5:15 (job "example" > group "web" > reschedule)'],
  ],
  'reschedule-interval-short.hcl': [
    ['error: Interval cannot be less than 15s (got 10s)', 'fixtures/invalid/nomad/reschedule-interval-short.hcl:8:18 (job "example" > group "web" > reschedule)'],
  ],
  'reschedule-max-delay-below-delay.hcl': [
    ['error: Max Delay cannot be less than Delay 1m0s (got 30s)', 'fixtures/invalid/nomad/reschedule-max-delay-below-delay.hcl:6:19 (job "example" > group "web" > reschedule)'],
  ],
  'reschedule-max-delay-short.hcl': [
    ['error: Max Delay cannot be less than 5s (got 30s)', 'fixtures/invalid/nomad/reschedule-max-delay-short.hcl:5:19 (job "example" > group "web" > reschedule)'],
    ['error: Max Delay cannot be less than Delay 30s (got 1s)', 'fixtures/invalid/nomad/reschedule-max-delay-short.hcl:5:19 (job "example" > group "web" > reschedule)'],
  ],
  'reschedule-not-viable.hcl': [
    ['error: Nomad can only make 2 attempts in 1m0s with initial delay 30s and delay function "constant"', 'fixtures/invalid/nomad/reschedule-not-viable.hcl:8:18 (job "example" > group "web" > reschedule)'],
    ['error: Set the interval to at least 5m0s to accommodate 10 attempts', 'fixtures/invalid/nomad/reschedule-not-viable.hcl:8:18 (job "example" > group "web" > reschedule)'],
  ],
  'reschedule-system.hcl': [
    ['error: System or sysbatch jobs should not have a reschedule policy', 'fixtures/invalid/nomad/reschedule-system.hcl:6:5 (job "example" > group "web" > reschedule)'],
  ],
  'reschedule-unlimited-attempts.hcl': [
    ['error: Reschedule Policy with Attempts = 3, Interval = 1h0m0s, and Unlimited = true is ambiguous', 'fixtures/invalid/nomad/reschedule-unlimited-attempts.hcl:5:18 (job "example" > group "web" > reschedule)'],
    ['error: If Attempts >0, Unlimited cannot also be set to true', 'fixtures/invalid/nomad/reschedule-unlimited-attempts.hcl:5:18 (job "example" > group "web" > reschedule)'],
  ],
  'reschedule-zero-interval.hcl': [
    ['error: Interval must be a non zero value if Attempts > 0', 'fixtures/invalid/nomad/reschedule-zero-interval.hcl:8:18 (job "example" > group "web" > reschedule)'],
    ['error: Interval cannot be less than 15s (got 0s)', 'fixtures/invalid/nomad/reschedule-zero-interval.hcl:8:18 (job "example" > group "web" > reschedule)'],
    ['error: Nomad can only make 0 attempts in 0s with initial delay 5s and delay function "constant"', 'fixtures/invalid/nomad/reschedule-zero-interval.hcl:8:18 (job "example" > group "web" > reschedule)'],
    ['error: Set the interval to at least 10s to accommodate 2 attempts', 'fixtures/invalid/nomad/reschedule-zero-interval.hcl:8:18 (job "example" > group "web" > reschedule)'],
  ],
  'resources-cores-negative.hcl': [
    ['error: cores value (-1) cannot be negative', 'fixtures/invalid/nomad/resources-cores-negative.hcl:14:17 (job "example" > group "web" > task "server" > resources)'],
  ],
  'resources-cpu-and-cores.hcl': [
    ['error: Task can only ask for \'cpu\' or \'cores\' resource, not both.', 'fixtures/invalid/nomad/resources-cpu-and-cores.hcl:14:17 (job "example" > group "web" > task "server" > resources)'],
  ],
  'resources-cpu-min.hcl': [
    ['error: minimum CPU value is 1; got 0', 'fixtures/invalid/nomad/resources-cpu-min.hcl:14:15 (job "example" > group "web" > task "server" > resources)'],
  ],
  'resources-memory-max-below.hcl': [
    ['error: MemoryMaxMB value (128) should be larger than MemoryMB value (256)', 'fixtures/invalid/nomad/resources-memory-max-below.hcl:15:22 (job "example" > group "web" > task "server" > resources)'],
  ],
  'resources-memory-min.hcl': [
    ['error: minimum MemoryMB value is 10; got 8', 'fixtures/invalid/nomad/resources-memory-min.hcl:14:18 (job "example" > group "web" > task "server" > resources)'],
  ],
  'resources-numa-affinity.hcl': [
    ['error: numa affinity must be one of none, prefer, or require', 'fixtures/invalid/nomad/resources-numa-affinity.hcl:15:22 (job "example" > group "web" > task "server" > resources > numa)'],
    ['warning: numa scheduling requires Nomad Enterprise', 'fixtures/invalid/nomad/resources-numa-affinity.hcl:15:22 (job "example" > group "web" > task "server" > resources > numa)'],
  ],
  'resources-numa-device.hcl': [
    ['error: numa device "nvidia/gpu" not requested as task resource', 'fixtures/invalid/nomad/resources-numa-device.hcl:16:22 (job "example" > group "web" > task "server" > resources > numa)'],
  ],
  'resources-secrets-negative.hcl': [
    ['error: SecretsMB value (-1) cannot be negative', 'fixtures/invalid/nomad/resources-secrets-negative.hcl:14:19 (job "example" > group "web" > task "server" > resources)'],
  ],
  'resources-secrets-over-memory.hcl': [
    ['error: SecretsMB value (100) cannot be larger than MemoryMB value (64)', 'fixtures/invalid/nomad/resources-secrets-over-memory.hcl:15:19 (job "example" > group "web" > task "server" > resources)'],
  ],
  'restart-ambiguous.hcl': [
    ['error: Restart policy "delay" with 0 attempts is ambiguous', 'fixtures/invalid/nomad/restart-ambiguous.hcl:5:18 (job "example" > group "web" > restart)'],
  ],
  'restart-interval-short.hcl': [
    ['error: Interval can not be less than 5s (got 2s)', 'fixtures/invalid/nomad/restart-interval-short.hcl:7:18 (job "example" > group "web" > restart)'],
  ],
  'restart-mode.hcl': [
    ['error: Unsupported restart mode: "retry"', 'fixtures/invalid/nomad/restart-mode.hcl:5:14 (job "example" > group "web" > restart)'],
  ],
  'restart-too-many.hcl': [
    ['error: Nomad can\'t restart the TaskGroup 10 times in an interval of 5m0s with a delay of 1m0s', 'fixtures/invalid/nomad/restart-too-many.hcl:5:18 (job "example" > group "web" > restart)'],
  ],
  'scaling-count-below-min.hcl': [
    ['error: Scaling policy invalid: task group count must not be less than minimum count in scaling policy', 'fixtures/invalid/nomad/scaling-count-below-min.hcl:4:13 (job "example" > group "web" > scaling)'],
  ],
  'scaling-count-over-max.hcl': [
    ['error: Scaling policy invalid: task group count must not be greater than maximum count in scaling policy', 'fixtures/invalid/nomad/scaling-count-over-max.hcl:4:13 (job "example" > group "web" > scaling)'],
  ],
  'scaling-max-below-min.hcl': [
    ['error: maximum count must not be less than minimum count', 'fixtures/invalid/nomad/scaling-max-below-min.hcl:8:13 (job "example" > group "web" > scaling)'],
    ['error: Scaling policy invalid: task group count must not be greater than maximum count in scaling policy', 'fixtures/invalid/nomad/scaling-max-below-min.hcl:4:13 (job "example" > group "web" > scaling)'],
  ],
  'scaling-max-missing.hcl': [
    ['error: Missing required argument', 'fixtures/invalid/nomad/scaling-max-missing.hcl:4:5 (job "example" > group "web" > scaling)'],
  ],
  'scaling-max-negative.hcl': [
    ['error: maximum count must be specified and non-negative', 'fixtures/invalid/nomad/scaling-max-negative.hcl:8:13 (job "example" > group "web" > scaling)'],
    ['error: Scaling policy invalid: task group count must not be greater than maximum count in scaling policy', 'fixtures/invalid/nomad/scaling-max-negative.hcl:4:13 (job "example" > group "web" > scaling)'],
  ],
  'scaling-min-negative.hcl': [
    ['error: minimum count must be specified and non-negative', 'fixtures/invalid/nomad/scaling-min-negative.hcl:5:13 (job "example" > group "web" > scaling)'],
  ],
  'scaling-type.hcl': [
    ['error: Invalid group scaling type', 'fixtures/invalid/nomad/scaling-type.hcl:6:14 (job "example" > group "web" > scaling)'],
  ],
  'secret-config-custom.hcl': [
    ['error: custom plugin provider onepassword cannot use the config block', 'fixtures/invalid/nomad/secret-config-custom.hcl:17:9 (job "example" > group "web" > task "server" > secret "db" > config)'],
  ],
  'secret-duplicate.hcl': [
    ['error: Duplicate secret "db" found', 'fixtures/invalid/nomad/secret-duplicate.hcl:18:14 (job "example" > group "web" > task "server" > secret "db")'],
  ],
  'secret-env-builtin.hcl': [
    ['error: nomad provider cannot use the env block', 'fixtures/invalid/nomad/secret-env-builtin.hcl:17:9 (job "example" > group "web" > task "server" > secret "db" > env)'],
  ],
  'secret-group-and-task.hcl': [
    ['error: Duplicate secret "db" found', 'fixtures/invalid/nomad/secret-group-and-task.hcl:18:14 (job "example" > group "web" > task "server" > secret "db")'],
  ],
  'secret-name.hcl': [
    ['error: secret name must match regex ^[a-zA-Z0-9_]{1,128}$', 'fixtures/invalid/nomad/secret-name.hcl:13:14 (job "example" > group "web" > task "server" > secret "db-password")'],
  ],
  'secret-path-empty.hcl': [
    ['error: secret path cannot be empty', 'fixtures/invalid/nomad/secret-path-empty.hcl:13:14 (job "example" > group "web" > task "server" > secret "db")'],
  ],
  'secret-provider-empty.hcl': [
    ['error: secret provider cannot be empty', 'fixtures/invalid/nomad/secret-provider-empty.hcl:13:14 (job "example" > group "web" > task "server" > secret "db")'],
  ],
  'secret-vault-without-block.hcl': [
    ['error: Secret "db" has provider "vault" but no vault block', 'fixtures/invalid/nomad/secret-vault-without-block.hcl:14:20 (job "example" > group "web" > task "server" > secret "db")'],
  ],
  'service-address-mode-invalid.hcl': [
    ['error: Service address_mode must be "auto", "host", or "driver"; not "public"', 'fixtures/invalid/nomad/service-address-mode-invalid.hcl:13:22 (job "example" > group "web" > service)'],
  ],
  'service-address-with-mode.hcl': [
    ['error: Service address_mode must be "auto" if address is set', 'fixtures/invalid/nomad/service-address-with-mode.hcl:13:22 (job "example" > group "web" > service)'],
  ],
  'service-identity-no-aud.hcl': [
    ['error: Service identity must provide at least one target aud value', 'fixtures/invalid/nomad/service-identity-no-aud.hcl:14:7 (job "example" > group "web" > service > identity)'],
    ['warning: identities without an audience are insecure', 'fixtures/invalid/nomad/service-identity-no-aud.hcl:14:7 (job "example" > group "web" > service > identity)'],
  ],
  'service-identity-no-name.hcl': [
    ['error: Service web in task group web has an identity with an empty name', 'fixtures/invalid/nomad/service-identity-no-name.hcl:15:7 (job "example" > group "web" > service > identity)'],
  ],
  'service-kind-invalid.hcl': [
    ['error: Service web kind must be one of consul service kind or empty', 'fixtures/invalid/nomad/service-kind-invalid.hcl:13:14 (job "example" > group "web" > service)'],
  ],
  'service-name-invalid.hcl': [
    ['error: Service name must be valid per RFC 1123 and can contain only alphanumeric characters or dashes and must be no longer than 63 characters: "web_api"', 'fixtures/invalid/nomad/service-name-invalid.hcl:11:14 (job "example" > group "web" > service)'],
  ],
  'service-native-no-port.hcl': [
    ['error: Service web is Connect Native and requires setting the port', 'fixtures/invalid/nomad/service-native-no-port.hcl:4:5 (job "example" > group "web" > service)'],
  ],
  'service-nomad-connect.hcl': [
    ['error: Service with provider nomad cannot include Connect blocks', 'fixtures/invalid/nomad/service-nomad-connect.hcl:15:7 (job "example" > group "web" > service > connect)'],
  ],
  'service-on-update-invalid.hcl': [
    ['error: Service on_update must be "require_healthy", "ignore_warnings", or "ignore"; not "never"', 'fixtures/invalid/nomad/service-on-update-invalid.hcl:13:19 (job "example" > group "web" > service)'],
  ],
  'service-provider-invalid.hcl': [
    ['error: Service provider must be "consul", or "nomad"; not "etcd"', 'fixtures/invalid/nomad/service-provider-invalid.hcl:13:18 (job "example" > group "web" > service)'],
  ],
  'service-task-mismatch.hcl': [
    ['error: Service web is invalid: may only specify task the service belongs to, got "other"', 'fixtures/invalid/nomad/service-task-mismatch.hcl:22:16 (job "example" > group "web" > task "server" > service)'],
  ],
  'services-multiple-providers.hcl': [
    ['error: Multiple service providers used: task group services must use the same provider', 'fixtures/invalid/nomad/services-multiple-providers.hcl:18:18 (job "example" > group "web" > service)'],
  ],
  'services-not-unique.hcl': [
    ['error: Services are not unique: [group->web:http]', 'fixtures/invalid/nomad/services-not-unique.hcl:10:5 (job "example" > group "web" > service)'],
  ],
  'spread-attribute-missing.hcl': [
    ['error: Missing spread attribute', 'fixtures/invalid/nomad/spread-attribute-missing.hcl:4:5 (job "example" > group "web" > spread)'],
  ],
  'spread-target-duplicate.hcl': [
    ['error: Spread target value "dc1" already defined', 'fixtures/invalid/nomad/spread-target-duplicate.hcl:11:14 (job "example" > group "web" > spread > target "dc1")'],
  ],
  'spread-target-percent.hcl': [
    ['error: Spread target percentage for value "dc1" must be between 0 and 100', 'fixtures/invalid/nomad/spread-target-percent.hcl:8:19 (job "example" > group "web" > spread > target "dc1")'],
    ['error: Sum of spread target percentages must not be greater than 100%; got 150%', 'fixtures/invalid/nomad/spread-target-percent.hcl:4:5 (job "example" > group "web" > spread)'],
  ],
  'spread-target-sum.hcl': [
    ['error: Sum of spread target percentages must not be greater than 100%; got 110%', 'fixtures/invalid/nomad/spread-target-sum.hcl:4:5 (job "example" > group "web" > spread)'],
  ],
  'spread-weight.hcl': [
    ['error: Spread block must have a positive weight from 0 to 100', 'fixtures/invalid/nomad/spread-weight.hcl:6:19 (job "example" > group "web" > spread)'],
  ],
  'static-port-duplicate.hcl': [
    ['error: Static port 8080 already reserved by taskgroup network:http', 'fixtures/invalid/nomad/static-port-duplicate.hcl:9:18 (job "example" > group "web" > network > port "admin")'],
  ],
  'system-count-over-one.hcl': [
    ['error: Job task group web has count 3. Count cannot exceed 1 with system scheduler', 'fixtures/invalid/nomad/system-count-over-one.hcl:6:13 (job "example" > group "web")'],
  ],
  'task-check-alloc-mode.hcl': [
    ['error: check "web" cannot use address_mode="alloc", only checks defined in a "group" service block can use this mode', 'fixtures/invalid/nomad/task-check-alloc-mode.hcl:25:26 (job "example" > group "web" > task "server" > service > check)'],
  ],
  'task-check-duplicate.hcl': [
    ['error: check "alive" is duplicate', 'fixtures/invalid/nomad/task-check-duplicate.hcl:30:9 (job "example" > group "web" > task "server" > service > check)'],
  ],
  'task-check-missing-port.hcl': [
    ['error: Check http invalid: check requires a port but neither check nor service "web" have a port', 'fixtures/invalid/nomad/task-check-missing-port.hcl:29:9 (job "example" > group "web" > task "server" > service > check)'],
    ['error: check "http" is missing a port', 'fixtures/invalid/nomad/task-check-missing-port.hcl:29:9 (job "example" > group "web" > task "server" > service > check)'],
  ],
  'task-check-numeric-driver-port.hcl': [
    ['error: check "service: \\"web\\" check" has invalid numeric port 0', 'fixtures/invalid/nomad/task-check-numeric-driver-port.hcl:25:26 (job "example" > group "web" > task "server" > service > check)'],
  ],
  'task-check-numeric-port.hcl': [
    ['error: check "service: \\"web\\" check" cannot use a numeric port 8080 without setting address_mode="driver"', 'fixtures/invalid/nomad/task-check-numeric-port.hcl:25:22 (job "example" > group "web" > task "server" > service > check)'],
  ],
  'task-driver-missing.hcl': [
    ['error: Missing task driver', 'fixtures/invalid/nomad/task-driver-missing.hcl:5:16 (job "example" > group "web" > task "server")'],
  ],
  'task-kill-timeout-negative.hcl': [
    ['error: KillTimeout must be a positive value', 'fixtures/invalid/nomad/task-kill-timeout-negative.hcl:13:22 (job "example" > group "web" > task "server")'],
  ],
  'task-kill-timeout-over-progress.hcl': [
    ['error: KillTimout (15m0s) longer than the group\'s ProgressDeadline (10m0s)', 'fixtures/invalid/nomad/task-kill-timeout-over-progress.hcl:13:22 (job "example" > group "web" > task "server")'],
  ],
  'task-leader-twice.hcl': [
    ['error: Only one task may be marked as leader', 'fixtures/invalid/nomad/task-leader-twice.hcl:18:16 (job "example" > group "web" > task "sidecar")'],
  ],
  'task-missing-name.hcl': [
    ['error: Task 1 missing name', 'fixtures/invalid/nomad/task-missing-name.hcl:4:10 (job "example" > group "web" > task "")'],
    ['error: Missing task name', 'fixtures/invalid/nomad/task-missing-name.hcl:4:10 (job "example" > group "web" > task "")'],
    ['error: a task needs a name for its pot; use only letters A-Z and a-z, digits, "-", "_" and ".", and do not start with "-" or "."', 'fixtures/invalid/nomad/task-missing-name.hcl:4:10 (job "example" > group "web" > task "")'],
  ],
  'task-name-alloc.hcl': [
    ['error: Task cannot be named "alloc"', 'fixtures/invalid/nomad/task-name-alloc.hcl:4:10 (job "example" > group "web" > task "alloc")'],
  ],
  'task-name-slash.hcl': [
    ['error: Task name cannot include slashes', 'fixtures/invalid/nomad/task-name-slash.hcl:4:10 (job "example" > group "web" > task "web/server")'],
  ],
  'task-port-label-reuse.hcl': [
    ['error: Port label http already in use by taskgroup network', 'fixtures/invalid/nomad/task-port-label-reuse.hcl:19:16 (job "example" > group "web" > task "server" > resources > network > port "http")'],
    ['warning: task network resources have been deprecated as of Nomad 0.12.0. Please configure networking via group network block.', 'fixtures/invalid/nomad/task-port-label-reuse.hcl:18:9 (job "example" > group "web" > task "server" > resources > network)'],
  ],
  'task-scaling-duplicate.hcl': [
    ['error: Duplicate scaling "cpu" block', 'fixtures/invalid/nomad/task-scaling-duplicate.hcl:17:7 (job "example" > group "web" > task "server" > scaling "cpu")'],
  ],
  'task-scaling-name.hcl': [
    ['error: Invalid scaling policy name', 'fixtures/invalid/nomad/task-scaling-name.hcl:13:15 (job "example" > group "web" > task "server" > scaling "disk")'],
  ],
  'task-scaling-type.hcl': [
    ['error: Invalid scaling policy type', 'fixtures/invalid/nomad/task-scaling-type.hcl:15:16 (job "example" > group "web" > task "server" > scaling "cpu")'],
  ],
  'task-service-alloc-mode.hcl': [
    ['error: service "web" cannot use address_mode="alloc", only services defined in a "group" block can use this mode', 'fixtures/invalid/nomad/task-service-alloc-mode.hcl:22:24 (job "example" > group "web" > task "server" > service)'],
  ],
  'task-service-connect.hcl': [
    ['error: service "web" cannot have "connect" block, only services defined in a "group" block can', 'fixtures/invalid/nomad/task-service-connect.hcl:23:9 (job "example" > group "web" > task "server" > service > connect)'],
  ],
  'task-service-duplicate.hcl': [
    ['error: Services are not unique: [server->web:http]', 'fixtures/invalid/nomad/task-service-duplicate.hcl:19:7 (job "example" > group "web" > task "server" > service)'],
    ['error: service "web" is duplicate', 'fixtures/invalid/nomad/task-service-duplicate.hcl:24:7 (job "example" > group "web" > task "server" > service)'],
  ],
  'task-service-port-undefined.hcl': [
    ['error: port label "https" referenced by services web does not exist', 'fixtures/invalid/nomad/task-service-port-undefined.hcl:21:16 (job "example" > group "web" > task "server" > service)'],
  ],
  'task-shutdown-delay-negative.hcl': [
    ['error: ShutdownDelay must be a positive value', 'fixtures/invalid/nomad/task-shutdown-delay-negative.hcl:13:24 (job "example" > group "web" > task "server")'],
  ],
  'template-change-mode.hcl': [
    ['error: Invalid change mode. Must be one of the following: noop, signal, script, restart', 'fixtures/invalid/nomad/template-change-mode.hcl:16:23 (job "example" > group "web" > task "server" > template)'],
  ],
  'template-destination-escapes.hcl': [
    ['error: destination escapes allocation directory', 'fixtures/invalid/nomad/template-destination-escapes.hcl:15:23 (job "example" > group "web" > task "server" > template)'],
  ],
  'template-no-destination.hcl': [
    ['error: Must specify a destination for the template', 'fixtures/invalid/nomad/template-no-destination.hcl:13:7 (job "example" > group "web" > task "server" > template)'],
  ],
  'template-no-source.hcl': [
    ['error: Must specify a source path or have an embedded template', 'fixtures/invalid/nomad/template-no-source.hcl:13:7 (job "example" > group "web" > task "server" > template)'],
  ],
  'template-perms.hcl': [
    ['error: Failed to parse "0955" as octal: strconv.ParseUint: parsing "0955": invalid syntax', 'fixtures/invalid/nomad/template-perms.hcl:16:23 (job "example" > group "web" > task "server" > template)'],
  ],
  'template-same-destination.hcl': [
    ['error: Template 2 has same destination as 1', 'fixtures/invalid/nomad/template-same-destination.hcl:20:23 (job "example" > group "web" > task "server" > template)'],
  ],
  'template-script-missing.hcl': [
    ['error: must specify change script configuration value when change mode is script', 'fixtures/invalid/nomad/template-script-missing.hcl:16:23 (job "example" > group "web" > task "server" > template)'],
  ],
  'template-script-no-command.hcl': [
    ['error: must specify script path value when change mode is script', 'fixtures/invalid/nomad/template-script-no-command.hcl:18:9 (job "example" > group "web" > task "server" > template > change_script)'],
  ],
  'template-signal-empty.hcl': [
    ['error: Must specify signal value when change mode is signal', 'fixtures/invalid/nomad/template-signal-empty.hcl:17:25 (job "example" > group "web" > task "server" > template)'],
  ],
  'template-signal-env.hcl': [
    ['error: cannot use signals with env var templates', 'fixtures/invalid/nomad/template-signal-env.hcl:16:23 (job "example" > group "web" > task "server" > template)'],
  ],
  'template-splay-negative.hcl': [
    ['error: Must specify positive splay value', 'fixtures/invalid/nomad/template-splay-negative.hcl:16:23 (job "example" > group "web" > task "server" > template)'],
  ],
  'template-wait.hcl': [
    ['error: wait min 10s is greater than max 5s', 'fixtures/invalid/nomad/template-wait.hcl:18:17 (job "example" > group "web" > task "server" > template > wait)'],
  ],
  'terminating-no-service.hcl': [
    ['error: Consul Terminating Gateway requires at least one service', 'fixtures/invalid/nomad/terminating-no-service.hcl:15:11 (job "example" > group "web" > service > connect > gateway > terminating)'],
  ],
  'update-auto-promote-no-canary.hcl': [
    ['error: Auto Promote requires a Canary count greater than zero', 'fixtures/invalid/nomad/update-auto-promote-no-canary.hcl:5:22 (job "example" > group "web" > update)'],
  ],
  'update-batch.hcl': [
    ['error: Job type "batch" does not allow update block', 'fixtures/invalid/nomad/update-batch.hcl:6:5 (job "example" > group "web" > update)'],
  ],
  'update-canary-negative.hcl': [
    ['error: Canary count can not be less than zero: -1 < 0', 'fixtures/invalid/nomad/update-canary-negative.hcl:5:16 (job "example" > group "web" > update)'],
  ],
  'update-health-check.hcl': [
    ['error: Invalid health check given: "http"', 'fixtures/invalid/nomad/update-health-check.hcl:5:22 (job "example" > group "web" > update)'],
  ],
  'update-healthy-deadline-zero.hcl': [
    ['error: Healthy deadline must be greater than zero: 0s', 'fixtures/invalid/nomad/update-healthy-deadline-zero.hcl:5:26 (job "example" > group "web" > update)'],
    ['error: Minimum healthy time must be less than healthy deadline: 0s > 0s', 'fixtures/invalid/nomad/update-healthy-deadline-zero.hcl:6:26 (job "example" > group "web" > update)'],
  ],
  'update-healthy-over-progress.hcl': [
    ['error: Healthy deadline must be less than progress deadline: 15m0s > 10m0s', 'fixtures/invalid/nomad/update-healthy-over-progress.hcl:5:26 (job "example" > group "web" > update)'],
  ],
  'update-max-parallel-negative.hcl': [
    ['error: Max parallel can not be less than zero: -1 < 0', 'fixtures/invalid/nomad/update-max-parallel-negative.hcl:5:22 (job "example" > group "web" > update)'],
  ],
  'update-min-healthy-negative.hcl': [
    ['error: Minimum healthy time may not be less than zero: -1s', 'fixtures/invalid/nomad/update-min-healthy-negative.hcl:5:26 (job "example" > group "web" > update)'],
  ],
  'update-min-healthy-over-deadline.hcl': [
    ['error: Minimum healthy time must be less than healthy deadline: 6m0s > 5m0s', 'fixtures/invalid/nomad/update-min-healthy-over-deadline.hcl:5:26 (job "example" > group "web" > update)'],
  ],
  'update-progress-deadline-negative.hcl': [
    ['error: Progress deadline must be zero or greater: -1m0s', 'fixtures/invalid/nomad/update-progress-deadline-negative.hcl:5:27 (job "example" > group "web" > update)'],
    ['error: Healthy deadline must be less than progress deadline: 5m0s > -1m0s', 'fixtures/invalid/nomad/update-progress-deadline-negative.hcl:5:27 (job "example" > group "web" > update)'],
  ],
  'update-stagger-zero.hcl': [
    ['error: Stagger must be greater than zero: 0s', 'fixtures/invalid/nomad/update-stagger-zero.hcl:5:17 (job "example" > group "web" > update)'],
  ],
  'vault-change-mode.hcl': [
    ['error: Unknown change mode "reload"', 'fixtures/invalid/nomad/vault-change-mode.hcl:14:23 (job "example" > group "web" > task "server" > vault)'],
  ],
  'vault-signal-empty.hcl': [
    ['error: Signal must be specified when using change mode "signal"', 'fixtures/invalid/nomad/vault-signal-empty.hcl:15:25 (job "example" > group "web" > task "server" > vault)'],
  ],
  'volume-mount-propagation.hcl': [
    ['error: volume mount has an invalid propagation mode: "shared"', 'fixtures/invalid/nomad/volume-mount-propagation.hcl:21:28 (job "example" > group "web" > task "server" > volume_mount)'],
  ],
  'volume-mount-selinux.hcl': [
    ['error: volume mount has an invalid SELinux label: "shared"', 'fixtures/invalid/nomad/volume-mount-selinux.hcl:21:25 (job "example" > group "web" > task "server" > volume_mount)'],
  ],
  'volume-mount-undefined.hcl': [
    ['error: Volume Mount (0) references undefined volume data', 'fixtures/invalid/nomad/volume-mount-undefined.hcl:14:23 (job "example" > group "web" > task "server" > volume_mount)'],
  ],
  'volume-mount-unknown-type.hcl': [
    ['error: Volume Mount (0) references undefined volume data', 'fixtures/invalid/nomad/volume-mount-unknown-type.hcl:19:23 (job "example" > group "web" > task "server" > volume_mount)'],
  ],
  'volume-per-alloc-canary.hcl': [
    ['error: volume cannot be per_alloc when canaries are in use', 'fixtures/invalid/nomad/volume-per-alloc-canary.hcl:7:19 (job "example" > group "web" > volume "data")'],
  ],
  'volume-per-alloc-sticky.hcl': [
    ['error: volume cannot be per_alloc and sticky at the same time', 'fixtures/invalid/nomad/volume-per-alloc-sticky.hcl:8:19 (job "example" > group "web" > volume "data")'],
  ],
  'volume-per-alloc-system.hcl': [
    ['error: volume cannot be per_alloc for system or sysbatch jobs', 'fixtures/invalid/nomad/volume-per-alloc-system.hcl:9:19 (job "example" > group "web" > volume "data")'],
  ],
  'volume-source-empty.hcl': [
    ['error: volume has an empty source', 'fixtures/invalid/nomad/volume-source-empty.hcl:4:12 (job "example" > group "web" > volume "data")'],
  ],
};
