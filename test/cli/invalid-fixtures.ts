// Every file under fixtures/invalid/ with the exact problems `validate` reports: message, then where.
export const INVALID_FIXTURES: Record<string, [message: string, location: string][]> = {
  'args-without-command.hcl': [
    ['error: args: is set but "command" is empty; pot runs arguments only as part of a command, so set command = "..." or remove args', 'fixtures/invalid/args-without-command.hcl:17:9 (job "example" > group "group1" > task "www1" > config)'],
  ],
  'attribute-bad-value.hcl': [
    ['error: attributes[0]: attribute "procfs" needs a boolean: yes, no, true, false, on or off, not "maybe"', 'fixtures/invalid/attribute-bad-value.hcl:17:23 (job "example" > group "group1" > task "www1" > config)'],
  ],
  'attributes-no-colon.hcl': [
    ['error: attributes[0]: "procfs" has no ":"; write "<attribute>:<value>", e.g. "devfs_ruleset:4"', 'fixtures/invalid/attributes-no-colon.hcl:17:23 (job "example" > group "group1" > task "www1" > config)'],
  ],
  'copy-no-colon.hcl': [
    ['error: copy[0]: "/mnt/s3/web/nginx.conf" has no ":"; write "<host path>:<jail path>", e.g. "/host/dir:/jail/dir"', 'fixtures/invalid/copy-no-colon.hcl:17:17 (job "example" > group "group1" > task "www1" > config)'],
  ],
  'dotdot-copy-source.hcl': [
    ['error: copy[0]: "/srv/app/../../etc/master.passwd:/etc/passwd": the host path "/srv/app/../../etc/master.passwd" must not contain ".."', 'fixtures/invalid/dotdot-copy-source.hcl:17:17 (job "example" > group "group1" > task "www1" > config)'],
  ],
  'duplicate-group.hcl': [
    ["error: Job task group 2 redefines 'web' from group 1", 'fixtures/invalid/duplicate-group.hcl:16:9 (job "example" > group "web")'],
  ],
  'duplicate-task.hcl': [
    ["error: Task 2 redefines 'www1' from task 1", 'fixtures/invalid/duplicate-task.hcl:15:10 (job "example" > group "group1" > task "www1")'],
  ],
  'extra-hosts-no-colon.hcl': [
    ['error: extra_hosts[0]: "db.internal" has no ":"; write "<hostname>:<IP>", e.g. "db.internal:10.0.0.5"', 'fixtures/invalid/extra-hosts-no-colon.hcl:17:24 (job "example" > group "group1" > task "www1" > config)'],
  ],
  'label-interpolation.hcl': [
    ['error: Invalid string literal', 'fixtures/invalid/label-interpolation.hcl:6:10'],
  ],
  'missing-required.hcl': [
    ['error: image: is required (Base URL of the image registry, passed to `pot prepare -U`); for example image = "https://potluck.honeyguide.net/nginx-nomad"', 'fixtures/invalid/missing-required.hcl:13:7 (job "example" > group "group1" > task "www1" > config)'],
    ['error: tag: is required (Version of the image, `pot prepare -t`); for example tag = "1.1.13"', 'fixtures/invalid/missing-required.hcl:13:7 (job "example" > group "group1" > task "www1" > config)'],
  ],
  'mount-no-colon.hcl': [
    ['error: mount[1]: "/mnt/s3/web/static" has no ":"; write "<host path>:<jail path>", e.g. "/host/dir:/jail/dir"', 'fixtures/invalid/mount-no-colon.hcl:17:42 (job "example" > group "group1" > task "www1" > config)'],
  ],
  'mount-read-only-no-colon.hcl': [
    ['error: mount_read_only[0]: "/srv/certs" has no ":"; write "<host path>:<jail path>", e.g. "/host/dir:/jail/dir"', 'fixtures/invalid/mount-read-only-no-colon.hcl:17:28 (job "example" > group "group1" > task "www1" > config)'],
  ],
  'network-mode-alias.hcl': [
    ['error: network_mode: "alias" cannot work with this driver: pot needs a static IP address for the jail (pot prepare -i <ip>), and Nomad gives a driver no address to assign; use "public-bridge" or "host"', 'fixtures/invalid/network-mode-alias.hcl:17:9 (job "example" > group "group1" > task "www1" > config)'],
  ],
  'network-mode-private-bridge.hcl': [
    ['error: network_mode: "private-bridge" cannot work with this driver: pot needs the name of a bridge created beforehand (pot prepare -B <bridge>), and the driver has no option to pass one; use "public-bridge" or "host"', 'fixtures/invalid/network-mode-private-bridge.hcl:17:9 (job "example" > group "group1" > task "www1" > config)'],
  ],
  'network-mode-unknown.hcl': [
    ['error: network_mode: "public_bridge" is not a network mode pot knows; did you mean "public-bridge"? (use "public-bridge", "host" or "inherit")', 'fixtures/invalid/network-mode-unknown.hcl:17:9 (job "example" > group "group1" > task "www1" > config)'],
  ],
  'port-map-unknown-label.hcl': [
    ["error: port_map.https: label \"https\" is not a port of this task's network; did you mean \"http\"? (ports: http)", 'fixtures/invalid/port-map-unknown-label.hcl:17:22 (job "example" > group "group1" > task "www1" > config)'],
  ],
  'relative-mount-source.hcl': [
    ['error: mount[0]: "www:/mnt": the host path "www" must be absolute', 'fixtures/invalid/relative-mount-source.hcl:17:18 (job "example" > group "group1" > task "www1" > config)'],
  ],
  'required-variable.hcl': [
    ['error: Required variable "pot_tag" is not set', 'fixtures/invalid/required-variable.hcl:2:1'],
  ],
  'service-unknown-port.hcl': [
    ['error: Service port label "https" is not defined', 'fixtures/invalid/service-unknown-port.hcl:12:14 (job "example" > group "group1" > service)'],
  ],
  'several-errors.hcl': [
    ['error: commad: unknown option; did you mean "command"?', 'fixtures/invalid/several-errors.hcl:12:9 (job "example" > group "group1" > task "www1" > config)'],
    ['error: tag: is required (Version of the image, `pot prepare -t`); for example tag = "1.1.13"', 'fixtures/invalid/several-errors.hcl:9:7 (job "example" > group "group1" > task "www1" > config)'],
    ['error: mount[0]: "/mnt/www" has no ":"; write "<host path>:<jail path>", e.g. "/host/dir:/jail/dir"', 'fixtures/invalid/several-errors.hcl:13:23 (job "example" > group "group1" > task "www1" > config)'],
    ['error: attributes[0]: attribute "procfs" needs a boolean: yes, no, true, false, on or off, not "maybe"', 'fixtures/invalid/several-errors.hcl:14:23 (job "example" > group "group1" > task "www1" > config)'],
  ],
  'syntax-error.hcl': [
    ['error: Missing item separator', 'fixtures/invalid/syntax-error.hcl:14:9'],
  ],
  'undeclared-variable.hcl': [
    ['error: Reference to undeclared input variable', 'fixtures/invalid/undeclared-variable.hcl:12:17 (job "example" > group "group1" > task "www1" > config)'],
  ],
  'unknown-attribute.hcl': [
    ['error: attributes[0]: "devfs_rulset" is not a pot attribute; did you mean "devfs_ruleset"? (see pot help set-attr)', 'fixtures/invalid/unknown-attribute.hcl:17:23 (job "example" > group "group1" > task "www1" > config)'],
  ],
  'unknown-config-key.hcl': [
    ['error: commad: unknown option; did you mean "command"?', 'fixtures/invalid/unknown-config-key.hcl:17:9 (job "example" > group "group1" > task "www1" > config)'],
  ],
  'unknown-function.hcl': [
    ['error: Call to unknown function', 'fixtures/invalid/unknown-function.hcl:12:17 (job "example" > group "group1" > task "www1" > config)'],
  ],
  'unknown-task-argument.hcl': [
    ['error: Unsupported argument', 'fixtures/invalid/unknown-task-argument.hcl:8:7 (job "example" > group "group1" > task "www1")'],
  ],
  'variable-validation.hcl': [
    ['error: Invalid value for variable "pot_tag"', 'fixtures/invalid/variable-validation.hcl:7:21'],
  ],
  'wrong-type.hcl': [
    ["error: args: must be a list of string, not the string \"-g daemon off;\"; for example args = [\"-g\", \"'daemon off;'\"]", 'fixtures/invalid/wrong-type.hcl:18:9 (job "example" > group "group1" > task "www1" > config)'],
  ],
};
