/** Types of yaml-library.cjs. */
export declare function yamlLibrary(): typeof import('yaml')
