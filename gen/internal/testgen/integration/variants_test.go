package integration_test

import (
	"context"
	"testing"

	"github.com/factory-kit/plinth/gen/internal/testgen/variants"
)

func TestVariants(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	q := variants.New(setup(t, "variants", false).pool)
	org, err := q.Orgs.Insert(variants.NewOrg{}).Returning(ctx)
	if err != nil {
		t.Fatal(err)
	}
	tq := q.Tenant(org.ID)
	bev, err := tq.VehicleTypes.InsertBevVehicle(ctx, variants.NewVehicleType{Make: "Tesla", Model: "3"}, variants.NewBevVehicle{BatteryKwh: 75})
	if err != nil {
		t.Fatal(err)
	}
	if bev.Kind != "bev" || bev.BevVehicle == nil || bev.BevVehicle.ID != bev.ID || bev.BevVehicle.OrgID != org.ID {
		t.Fatalf("inserted %+v", bev)
	}
	got, err := tq.VehicleTypes.GetWithVariant(ctx, bev.ID)
	if err != nil || got.BevVehicle == nil || got.BevVehicle.BatteryKwh != 75 || got.IceVehicle != nil || got.Make != "Tesla" {
		t.Fatalf("GetWithVariant = %+v, %v", got, err)
	}
	// A failing variant insert leaves no base row behind.
	if _, err := tq.VehicleTypes.InsertIceVehicle(ctx, variants.NewVehicleType{Make: "x", Model: "y"}, variants.NewIceVehicle{}); err != nil {
		t.Fatal(err)
	}
	n, _ := tq.VehicleTypes.Select().Count(ctx)
	if n != 2 {
		t.Fatalf("%d base rows", n)
	}
	if _, err := q.Tenant(org.ID).VehicleTypes.InsertBevVehicle(ctx, variants.NewVehicleType{Make: "x", Model: "y"},
		variants.NewBevVehicle{BatteryKwh: 1, ReplacingIceVehicleID: &bev.ID}); err == nil {
		t.Fatal("a bev replacing a non-ice vehicle was accepted")
	}
	if n, _ := tq.VehicleTypes.Select().Count(ctx); n != 2 {
		t.Fatalf("failed variant insert left a base row: %d rows", n)
	}
}
