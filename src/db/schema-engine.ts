// Prisma's schema engine, run as WebAssembly through the pg driver adapter, so migrations work on machines that
// cannot download Prisma's native engine. Four defects of Prisma 7.10 are got round here (README, "Migrations"):
//   1. PrismaPg given a connection string lets it override the shadow database's name: we pass separate fields.
//   2. The shadow database is dropped before its pool is closed: we close first, then drop.
//   3. Catalogue columns of type "char" (OID 18) are refused by the adapter: we report them as `Character`.
//   4. The engine never disposes the connections it opened, so their pool lingers (pg's 10-second idle timer
//      keeps the process alive, and the session keeps Prisma's migration advisory lock): `close()` disposes them.
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { randomUUID } from 'node:crypto';
import { PrismaPg } from '@prisma/adapter-pg';
import type { PoolConfig } from 'pg';
import { poolConfigFromUrl } from './connection.ts';
import {
  bindMigrationAwareSqlAdapterFactory,
  ColumnTypeEnum,
  type SqlDriverAdapter,
  type SqlQuery,
  type SqlResultSet,
  type Transaction,
} from '@prisma/driver-adapter-utils';
import * as engineBindings from '@prisma/schema-engine-wasm/schema_engine_bg';
import type { SchemaEngine } from '@prisma/schema-engine-wasm';

const PG_CHAR_OID = 18;

export type EngineLog = (message: string) => void;


type Queryable = Pick<SqlDriverAdapter, 'queryRaw'>;
interface WithPerformIO {
  performIO(query: SqlQuery): Promise<{ fields: { dataTypeID: number }[] }>;
}

/** Defect 3: report "char" columns as the adapter's Character type instead of failing the whole query. */
function reportCharColumns<T extends Queryable>(queryable: T): T {
  const target = queryable as T & WithPerformIO;
  const performIO = target.performIO.bind(target);
  let charColumns: number[] = [];
  target.performIO = async (query) => {
    const result = await performIO(query);
    charColumns = [];
    result.fields.forEach((field, index) => {
      if (field.dataTypeID === PG_CHAR_OID) {
        charColumns.push(index);
        // Any text-like OID makes the adapter's type switch accept the column; the type is corrected below.
        field.dataTypeID = 25;
      }
    });
    return result;
  };
  const queryRaw = target.queryRaw.bind(target);
  target.queryRaw = async (query: SqlQuery): Promise<SqlResultSet> => {
    const result = await queryRaw(query);
    for (const index of charColumns) result.columnTypes[index] = ColumnTypeEnum.Character;
    return result;
  };
  return queryable;
}

class MigrationPgFactory extends PrismaPg {
  private readonly openAdapters = new Set<SqlDriverAdapter>();

  constructor(private readonly poolConfig: PoolConfig) {
    super(poolConfig);
  }

  /** Defect 4: dispose every connection the engine opened and left open. */
  async disposeAll(): Promise<void> {
    // Each adapter's dispose removes itself from the set (see connect), so iterate over a copy.
    await Promise.allSettled([...this.openAdapters].map((adapter) => adapter.dispose()));
  }

  override async connect() {
    const adapter = reportCharColumns(await super.connect());
    this.openAdapters.add(adapter);
    const disposeOnce = adapter.dispose.bind(adapter);
    adapter.dispose = async () => {
      if (!this.openAdapters.delete(adapter)) return;
      await disposeOnce();
    };
    const startTransaction = adapter.startTransaction.bind(adapter);
    adapter.startTransaction = async (isolationLevel) =>
      reportCharColumns<Transaction>(await startTransaction(isolationLevel));
    return adapter;
  }

  /** Defect 2: close the shadow pool before dropping the shadow database, and always drop it. */
  override async connectToShadowDb() {
    const admin = await this.connect();
    const database = `kneadful_shadow_${randomUUID().replaceAll('-', '')}`;
    await admin.executeScript(`CREATE DATABASE "${database}"`);
    const shadow = await new MigrationPgFactory({ ...this.poolConfig, database }).connect();
    const disposeShadowPool = shadow.dispose.bind(shadow);
    shadow.dispose = async () => {
      try {
        await disposeShadowPool();
        await admin.executeScript(`DROP DATABASE IF EXISTS "${database}"`);
      } finally {
        await admin.dispose();
      }
    };
    return shadow;
  }
}

// The global exists in Node, but its types live in lib.dom, which this server project does not include.
interface WasmApi {
  Module: new (bytes: Uint8Array) => object;
  Instance: new (module: object, imports: Record<string, object>) => { exports: Record<string, unknown> };
}
const wasmApi = (globalThis as unknown as { WebAssembly: WasmApi }).WebAssembly;

let wasmReady: Promise<void> | undefined;

/** Node 20 cannot `import` a .wasm file, so the module is compiled and wired to its JS glue by hand. */
function loadWasm(): Promise<void> {
  wasmReady ??= (async () => {
    const require = createRequire(import.meta.url);
    // The .wasm file is not in the package's exports map; it sits beside the exported JS glue.
    const wasmPath = join(dirname(require.resolve('@prisma/schema-engine-wasm/schema_engine_bg')), 'schema_engine_bg.wasm');
    const module = new wasmApi.Module(await readFile(wasmPath));
    const instance = new wasmApi.Instance(module, { './schema_engine_bg.js': engineBindings });
    engineBindings.__wbg_set_wasm(instance.exports);
    (instance.exports.__wbindgen_start as () => void)();
  })();
  return wasmReady;
}

export interface OpenSchemaEngine {
  engine: SchemaEngine;
  /** Frees the engine and closes every connection it opened. */
  close(): Promise<void>;
}

export async function openSchemaEngine(options: {
  databaseUrl: string;
  schemaPath: string;
  log?: EngineLog;
}): Promise<OpenSchemaEngine> {
  await loadWasm();
  const globals = globalThis as { PRISMA_WASM_PANIC_REGISTRY?: { set_message(message: string): void } };
  // Without this the engine's panics surface as an opaque "unreachable" trap.
  globals.PRISMA_WASM_PANIC_REGISTRY ??= {
    set_message: (message) => options.log?.(`schema engine panic: ${message}`),
  };
  const schemaText = await readFile(options.schemaPath, 'utf8');
  const factory = new MigrationPgFactory(poolConfigFromUrl(options.databaseUrl));
  const engine = await engineBindings.SchemaEngine.new(
    { datamodels: [[options.schemaPath, schemaText]] },
    (message: string) => options.log?.(message),
    bindMigrationAwareSqlAdapterFactory(factory),
  );
  return {
    engine,
    async close() {
      engine.free();
      await factory.disposeAll();
    },
  };
}
