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
