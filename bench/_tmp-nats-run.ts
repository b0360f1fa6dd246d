import { runNatsBench } from './nats.ts'
await runNatsBench()
