import { httpPlatform } from '../../composition.ts';
import { contextHandler, type Operation } from '../http-handler.ts';
import { listUnits } from './list-units.ts';
import { createUnit } from './create-unit.ts';
import { getUnit } from './get-unit.ts';
import { updateUnit } from './update-unit.ts';
import { createFamily } from './create-family.ts';
import { listFamilies } from './list-families.ts';
import { getFamily } from './get-family.ts';
import { updateFamily } from './update-family.ts';
import { createProduct } from './create-product.ts';
import { listProducts } from './list-products.ts';
import { getProduct } from './get-product.ts';
import { updateProduct } from './update-product.ts';
import { discontinueProduct } from './discontinue-product.ts';
import { reactivateProduct } from './reactivate-product.ts';
import { explodeProductKit } from './explode-product-kit.ts';
import { createCustomerReference } from './create-customer-reference.ts';
import { listCustomerReferences } from './list-customer-references.ts';
import { getCustomerReference } from './get-customer-reference.ts';
import { updateCustomerReference } from './update-customer-reference.ts';
import { removeCustomerReference } from './remove-customer-reference.ts';

/** The catalog context's operations, by the operationId of the contract. */
export const operations: Record<string, Operation> = {
  listUnits,
  createUnit,
  getUnit,
  updateUnit,
  createFamily,
  listFamilies,
  getFamily,
  updateFamily,
  createProduct,
  listProducts,
  getProduct,
  updateProduct,
  discontinueProduct,
  reactivateProduct,
  explodeProductKit,
  createCustomerReference,
  listCustomerReferences,
  getCustomerReference,
  updateCustomerReference,
  removeCustomerReference,
};

export const handler = contextHandler(operations, httpPlatform);
