package schema_test

import (
	"fmt"

	"github.com/factory-kit/plinth/schema"
)

func Example() {
	table := schema.TableCreator(func(name string) string { return "shop_" + name })
	orgs := table("organizations",
		schema.UUID("id").PrimaryKey().DefaultRandom(),
		schema.Text("name").NotNull(),
	)
	products := table("products",
		schema.UUID("id").PrimaryKey().DefaultRandom(),
		schema.Tenant(orgs),
		schema.Text("sku").NotNull(),
		schema.Numeric("price", 10, 2).NotNull(),
		schema.SoftDelete(),
		schema.Unique("org_id", "sku"),
	)
	m, err := schema.New(orgs, products)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Print(m.SQL())
	// Output:
	// CREATE TABLE shop_organizations (
	//     id uuid NOT NULL DEFAULT gen_random_uuid(),
	//     name text NOT NULL,
	//     CONSTRAINT shop_organizations_pkey PRIMARY KEY (id)
	// );
	//
	// CREATE TABLE shop_products (
	//     id uuid NOT NULL DEFAULT gen_random_uuid(),
	//     org_id uuid NOT NULL,
	//     sku text NOT NULL,
	//     price numeric(10,2) NOT NULL,
	//     deleted_at timestamp with time zone,
	//     CONSTRAINT shop_products_pkey PRIMARY KEY (id)
	// );
	//
	// ALTER TABLE shop_products ADD CONSTRAINT shop_products_org_id_fkey FOREIGN KEY (org_id) REFERENCES shop_organizations (id) ON DELETE CASCADE;
	//
	// CREATE UNIQUE INDEX shop_products_org_id_sku_key ON shop_products (org_id, sku) WHERE deleted_at IS NULL;
}

func ExampleNew_errors() {
	table := schema.TableCreator(nil)
	notes := table("notes", schema.Text("body"))
	_, err := schema.New(notes)
	fmt.Println(err != nil)
	// Output: true
}
