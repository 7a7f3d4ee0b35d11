import { stockContract } from '../../../shared/contracts/stock';
import { createMain } from '../../../server/dispatch';
import { decideHold, holds, requestHold } from './holds';
import { importProducts } from './import-products';
import { search } from './search';

export const main = createMain(stockContract, { search, importProducts, requestHold, holds, decideHold });
