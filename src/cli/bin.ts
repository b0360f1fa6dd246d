#!/usr/bin/env node
/** The installed `kaizen-agentic` binary. */
import { main } from './main.ts'

await main(process.argv.slice(2))
