/** Types of secretlint.cjs: the two secretlint entry points it re-exports. */
export declare const lintSource: typeof import('@secretlint/core').lintSource
export declare const creator: typeof import('@secretlint/secretlint-rule-preset-recommend').creator
