# The Node.js binding (bindings/node).
#
#   make test-node   npm ci (package-lock.json), the addon built by @napi-rs/cli (cargo,
#                    release profile), node --test, tsc --strict against the generated
#                    index.d.ts, and the example. The tests also check index.d.ts against
#                    the built addon's schema (cargo test checks it against the source).

NODE_DIR := bindings/node

.PHONY: node-build test-node

$(NODE_DIR)/node_modules/.ready: $(NODE_DIR)/package.json $(NODE_DIR)/package-lock.json
	cd $(NODE_DIR) && npm ci --no-audit --no-fund
	touch $@

node-build: $(NODE_DIR)/node_modules/.ready
	cd $(NODE_DIR) && npm run build

test-node: node-build
	cd $(NODE_DIR) && npm test
	cd $(NODE_DIR) && npm run typecheck
	node examples/node/top.js -n 1 -d 0.2 -l 5

FACE_TESTS += test-node

# The npm tarballs a user installs without building (napi-rs' platform-package layout; see
# bindings/node/pack.js), from the addon `make test-node` built.
#
#   make npm-pack   dist/libprobe-<version>.tgz and dist/libprobe-linux-x64-gnu-<version>.tgz
#   make test-npm   a fresh project outside the repository: `npm install` of both tarballs
#                   offline, require('libprobe') takes a snapshot, tsc --strict on a
#                   TypeScript user of the typings, and no Rust or native build involved
.PHONY: npm-pack test-npm

npm-pack: node-build
	rm -f dist/libprobe-*.tgz
	node $(NODE_DIR)/pack.js dist

test-npm: npm-pack
	@dir=$$(mktemp -d /tmp/libprobe-npm-user.XXXXXX) && trap 'rm -rf "$$dir"' EXIT && \
	  cp tests/npm_project/use.js tests/npm_project/use.ts tests/npm_project/tsconfig.json "$$dir/" && \
	  cd "$$dir" && printf '{ "name": "npm-user", "version": "1.0.0", "private": true }\n' > package.json && \
	  env PATH=/usr/bin:/bin npm install --offline --no-audit --no-fund --ignore-scripts $(abspath dist)/libprobe-*.tgz && \
	  test -f node_modules/libprobe-linux-x64-gnu/libprobe.linux-x64-gnu.node && \
	  ! find node_modules/libprobe node_modules/libprobe-linux-x64-gnu -name '*.rs' -o -name Cargo.toml | grep -q . && \
	  node use.js && \
	  $(abspath $(NODE_DIR))/node_modules/.bin/tsc -p tsconfig.json && \
	  echo "test-npm: installed from the tarballs in $$dir with no build; require and the typings work"

FACE_TESTS += test-npm
